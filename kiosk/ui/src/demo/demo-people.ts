import type { Text } from '@onething/contract/rest/kiosk';

/**
 * People of the booth server's seeded demo data (booth-server/catalogue/demo-data/people.yaml and
 * scenarios.yaml), one per 一件事 story. Fictitious: the ID numbers are well formed but belong to
 * nobody. The simulated card reader and electronic ID (`CTID:<ID number>`) know them.
 */
export interface DemoPerson {
  idNumber: string;
  name: string;
  story: Text;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    idNumber: '33990219940612022X',
    name: '林晓雯',
    story: { zh: '新生儿出生一件事', en: 'A baby is born' },
  },
  {
    idNumber: '339903198508170625',
    name: '郑佳',
    story: { zh: '教育入学一件事', en: 'Starting school' },
  },
  {
    idNumber: '339903196501180311',
    name: '陈建国',
    story: { zh: '退休一件事', en: 'Retiring' },
  },
  {
    idNumber: '349901198609080716',
    name: '马晓东',
    story: {
      zh: '开办餐饮店一件事（外省户籍）',
      en: 'Opening a restaurant (registered in another province)',
    },
  },
  {
    idNumber: '339902198802230573',
    name: '刘洋',
    story: { zh: '二手房转移登记一件事', en: 'Buying a second-hand home' },
  },
  {
    idNumber: '339902197903140847',
    name: '冯琳',
    story: { zh: '企业信息变更一件事', en: 'Changing company details' },
  },
  {
    idNumber: '339902197807150535',
    name: '赵志强',
    story: { zh: '残疾人服务一件事', en: 'Services for people with disabilities' },
  },
  {
    idNumber: '339903197004020266',
    name: '孙丽',
    story: { zh: '身后一件事', en: 'After a death' },
  },
];

/** What the simulated scanner reads from a person's electronic ID. */
export function electronicIdCode(idNumber: string): string {
  return `CTID:${idNumber}`;
}
