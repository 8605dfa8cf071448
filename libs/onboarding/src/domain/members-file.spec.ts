import type { BusinessDate } from '@lumbung/core';
import { parseMembersFile } from './members-file';

const header = 'member_number,full_name,identity_type,identity_number,join_date,phone';
const cutover = '2026-07-01' as BusinessDate;

describe('parseMembersFile', () => {
  it('keeps old member numbers padded to six digits', () => {
    const file = parseMembersFile(
      `${header}\n7,Yohanes Bria,NIK,5371010101600001,2012-01-01,08123456789\n`,
      cutover,
    );
    expect(file.problems).toEqual([]);
    expect(file.members).toEqual([
      {
        row: 2,
        memberNumber: '000007',
        fullName: 'Yohanes Bria',
        identityType: 'nik',
        identityNumber: '5371010101600001',
        birthDate: null,
        sex: null,
        phone: '08123456789',
        address: null,
        joinDate: '2012-01-01',
      },
    ]);
    expect([...file.memberRows]).toEqual([['000007', 2]]);
  });

  it('reports duplicate numbers and documents (separators aside), bad numbers, dates and gaps', () => {
    const text = [
      header,
      '101,Yohanes Bria,nik,5371010101600001,2012-01-01,',
      '0101,Maria Bria,nik,5371024806630002,2013-02-04,',
      '102,Petrus Manu,nik,5371-0101-0160-0001,2013-02-04,',
      'A7,Agnes Lake,nik,5371024806630009,2026-07-01,',
      '103,,nik,,2013-13-01,',
    ].join('\n');
    const file = parseMembersFile(text, cutover);
    expect(file.problems).toEqual([
      { file: 'members.csv', row: 3, column: 'member_number', message: '0101 is already on row 2' },
      {
        file: 'members.csv',
        row: 4,
        column: 'identity_number',
        message: 'the same nik number is already on row 2',
      },
      {
        file: 'members.csv',
        row: 5,
        column: 'member_number',
        message: '"A7" is not a member number (digits)',
      },
      {
        file: 'members.csv',
        row: 5,
        column: 'join_date',
        message: 'must be before the cut-over date 2026-07-01',
      },
      { file: 'members.csv', row: 6, column: 'full_name', message: 'is required' },
      { file: 'members.csv', row: 6, column: 'identity_number', message: 'is required' },
      {
        file: 'members.csv',
        row: 6,
        column: 'join_date',
        message: '"2013-13-01" is not a date YYYY-MM-DD',
      },
    ]);
    expect(file.members.map((m) => m.row)).toEqual([2]);
    // Rejected rows still name their members, so savings.csv is not blamed for them too.
    expect([...file.memberRows.keys()]).toEqual(['000101', '000102', '000103']);
  });
});
