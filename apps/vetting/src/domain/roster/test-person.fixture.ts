import { checkCharOf, parseLocalDate } from '@lw/domain';
import { createPerson, type PersonInput, type Person } from './person';

/** A valid id number for tests: `n` (0..499) keeps it unique, the 17th digit carries the gender. */
export function testCitizenId(n: number, birth: string, female: boolean): string {
  const first17 = `320724${birth.replaceAll('-', '')}${String(Math.floor(n / 5) % 100).padStart(2, '0')}${2 * (n % 5) + (female ? 0 : 1)}`;
  return first17 + checkCharOf(first17);
}

let next = 0;

/** A valid person; `birth` and `female` become the id number, everything else may be overridden. */
export function testPerson(id: string, o: Partial<PersonInput> & { birth?: string; female?: boolean } = {}): Person {
  const { birth = '1975-06-15', female = false, ...rest } = o;
  return createPerson({
    id,
    name: `测试${id}`,
    citizenId: testCitizenId(next++ % 500, birth, female),
    ethnicity: '汉族',
    education: '高中·中专',
    politicalStatus: '群众',
    tags: [],
    disciplinaryRecords: [],
    appraisals: [],
    relatives: [],
    ...rest,
  });
}

export const day = parseLocalDate;
