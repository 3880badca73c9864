// The shapes Go sends and receives. They mirror the JSON of the Go types in
// backend/practice and app; keep the two in step.

export type ContactKind = 'person' | 'organisation';
export type ContactSort = 'name' | 'email' | 'type' | 'updated';

export interface Phones {
  primary: string;
  mobile: string;
  other: string;
  fax: string;
}

export interface Address {
  lines: string[] | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface Contact {
  id: number;
  kind: ContactKind;
  name: string;
  email: string;
  phones: Phones;
  physicalAddress: Address;
  mailingAddress: Address;
  typeId: number;
  typeName: string;
  createdAt: string;
  updatedAt: string;
}

export interface ContactType {
  id: number;
  name: string;
  isDefault: boolean;
  contacts: number;
  createdAt: string;
}

export interface ContactQuery {
  search: string;
  sort: ContactSort;
  desc: boolean;
  offset: number;
  limit: number;
}

export interface ContactRow {
  id: number;
  kind: ContactKind;
  name: string;
  email: string;
  phone: string;
  city: string;
  typeName: string;
  updatedAt: string;
}

export interface ContactPage {
  offset: number;
  total: number;
  rows: ContactRow[] | null;
}

export interface SystemInfo {
  version: string;
  mode: 'desktop' | 'browser';
  database: string;
}

export interface ReadyReport {
  screen: string;
  contacts: number;
}

export function emptyAddress(): Address {
  return { lines: [], city: '', region: '', postalCode: '', country: '' };
}

export function emptyContact(typeId = 0): Contact {
  return {
    id: 0,
    kind: 'person',
    name: '',
    email: '',
    phones: { primary: '', mobile: '', other: '', fax: '' },
    physicalAddress: emptyAddress(),
    mailingAddress: emptyAddress(),
    typeId,
    typeName: '',
    createdAt: '',
    updatedAt: '',
  };
}
