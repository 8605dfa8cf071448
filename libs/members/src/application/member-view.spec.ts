import { maskPersonalData } from '@lumbung/audit';
import { auditedMember, type MemberView } from './member-view';

const member = {
  id: '01a20000-0000-7000-8000-000000000001',
  cooperativeId: '01a20000-0000-7000-8000-000000000002',
  memberNumber: '000001',
  fullName: 'Maria da Costa',
  birthDate: '1990-07-05',
  sex: 'female',
  identity: { type: 'nik', number: '5371014507900001' },
  phone: '081234567890',
  address: 'Kupang',
  joinDate: '2026-11-20',
  status: 'applicant',
  relatedParty: { flags: [], relatedMemberId: null },
  businessProfile: null,
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
} as unknown as MemberView;

describe('auditedMember', () => {
  it('leaves the audit log only the last four digits of the identity number', () => {
    const masked = maskPersonalData(auditedMember(member)) as Record<string, unknown>;
    expect(masked).toMatchObject({
      documentType: 'nik',
      identityNumber: '************0001',
      fullName: 'Maria da Costa',
      memberNumber: '000001',
    });
    expect(JSON.stringify(masked)).not.toContain('5371014507900001');
  });
});
