// The port contract (test/workbook/contract.ts) over the Office adapter and the strict fake.
import { describeContract } from '../contract';
import { makeOfficePort } from '../ports';

describeContract('office (strict fake Excel)', makeOfficePort);
