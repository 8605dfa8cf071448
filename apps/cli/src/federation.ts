import type { NewCooperative } from '@lumbung/ledger';

export interface FederationMember extends NewCooperative {
  /** Where it is, for people reading the seed's output. */
  readonly place: string;
}

/**
 * The demo federation of DESIGN.md section 1 and DOMAIN.md (Across borders): two KSPs in eastern
 * Indonesia, the partner cooperative in Dili that the Kupang KSP lends USD to, and the shared
 * production house in Sabah that the Makassar KSP finances in MYR. Each keeps its books in its
 * own functional currency.
 */
export const demoFederation: readonly FederationMember[] = [
  {
    code: 'KSP-KUPANG',
    name: 'Koperasi Simpan Pinjam Flobamora Mandiri',
    place: 'Kupang, Nusa Tenggara Timur',
    country: 'ID',
    timeZone: 'Asia/Makassar',
    functionalCurrency: 'IDR',
  },
  {
    code: 'KSP-MAKASSAR',
    name: 'Koperasi Simpan Pinjam Sipakatau Sejahtera',
    place: 'Makassar, Sulawesi Selatan',
    country: 'ID',
    timeZone: 'Asia/Makassar',
    functionalCurrency: 'IDR',
  },
  {
    code: 'KOP-DILI',
    name: 'Kooperativa Aforru no Kreditu Hamutuk Dili',
    place: 'Dili, Timor-Leste',
    country: 'TL',
    timeZone: 'Asia/Dili',
    functionalCurrency: 'USD',
  },
  {
    code: 'RPB-SABAH',
    name: 'Koperasi Rumah Produksi Bersama Rotan dan Buluh Sabah Berhad',
    place: 'Kota Kinabalu, Sabah, Malaysia',
    country: 'MY',
    timeZone: 'Asia/Kuching',
    functionalCurrency: 'MYR',
  },
];
