import type {
  BundleNotice,
  CaseView,
  CatalogueIndex,
  ItemNotice,
  MergedFormView,
} from '@onething/contract/rest/kiosk';
import { idNumberCheckChar } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';

/** Test data shaped like the booth server's answers (birth bundle of the government seeds). */
const first17 = '11010519900307123';
export const ID_NUMBER = `${first17}${idNumberCheckChar(first17)}`;

export function card(overrides: Partial<IdentityCardData> = {}): IdentityCardData {
  return {
    cardType: 'resident',
    name: '张三',
    gender: 'male',
    nation: { code: '01', name: '汉' },
    birthDate: '1990-03-07',
    address: '北京市朝阳区示例路 1 号',
    idNumber: ID_NUMBER,
    issuer: '北京市公安局朝阳分局',
    validFrom: '2015-01-01',
    validTo: '2035-01-01',
    ...overrides,
  };
}

const text = (zh: string, en: string) => ({ zh, en });

export const BUNDLE = {
  code: 'birth',
  name: text('新生儿出生一件事', 'Birth of a child'),
  subject: 'personal' as const,
  lifeEvent: 'birth',
  lifeEventName: text('出生', 'Birth'),
  leadDepartment: text('卫生健康委', 'Health Commission'),
  itemCount: 3,
  departmentCount: 3,
  promisedDays: 5,
  minorData: false,
  synonyms: ['生孩子', '上户口', 'having a baby'],
};

export function catalogue(): CatalogueIndex {
  return {
    version: 'v1',
    regions: [{ code: '110105', name: text('朝阳区', 'Chaoyang District') }],
    bundles: [
      BUNDLE,
      {
        ...BUNDLE,
        code: 'retire',
        name: text('退休一件事', 'Retirement'),
        lifeEvent: 'retire',
        lifeEventName: text('退休', 'Retirement'),
        leadDepartment: text('人力资源社会保障局', 'Human Resources Bureau'),
        synonyms: ['办退休', '养老金'],
      },
    ],
    instantItems: [
      {
        code: 'no-crime',
        name: text('无犯罪记录证明', 'Certificate of no criminal record'),
        department: text('公安局', 'Public Security Bureau'),
        description: text('当场开具', 'Issued on the spot'),
      },
    ],
  };
}

export function item(code: string, overrides: Partial<ItemNotice> = {}): ItemNotice {
  return {
    code,
    name: text(`事项${code}`, `Item ${code}`),
    department: text('部门', 'Department'),
    conditions: [text('条件', 'Condition')],
    appliesWhen: null,
    promisedDays: 5,
    statutoryDays: 20,
    fee: text('不收费', 'Free'),
    result: text('证书', 'Certificate'),
    delivery: [text('邮寄', 'Post')],
    mandatory: false,
    requires: [],
    ...overrides,
  };
}

/** Items: A mandatory; B free; C requires B. */
export function notice(): BundleNotice {
  return {
    version: 'v1',
    bundle: BUNDLE,
    items: [item('A', { mandatory: true }), item('B'), item('C', { requires: ['B'] })],
    materials: [
      {
        id: 'marriage-cert',
        name: text('结婚证', 'Marriage certificate'),
        form: 'original',
        count: 1,
        licence: text('电子结婚证', 'Electronic marriage certificate'),
        requiredBy: ['A'],
      },
    ],
    process: [text('提交申请', 'Apply'), text('并联审批', 'Departments approve in parallel')],
  };
}

export function form(itemCodes = ['A', 'B', 'C']): MergedFormView {
  return {
    bundleCode: 'birth',
    itemCodes,
    catalogueVersion: 'v1',
    sections: [
      {
        id: 'applicant',
        title: text('申请人', 'Applicant'),
        fields: [
          {
            key: 'applicant.name',
            label: text('姓名', 'Name'),
            type: 'text',
            required: true,
            value: '张三',
            source: 'idCard',
            editable: false,
            hint: null,
            fallbackReason: null,
            requiredBy: ['A'],
          },
          {
            key: 'applicant.phone',
            label: text('手机号', 'Mobile'),
            type: 'phone',
            required: true,
            value: null,
            source: 'citizen',
            editable: true,
            hint: null,
            fallbackReason: null,
            requiredBy: ['A', 'B'],
          },
        ],
      },
      {
        id: 'child',
        title: text('新生儿', 'Child'),
        fields: [
          {
            key: 'child.weight',
            label: text('出生体重（克）', 'Birth weight (g)'),
            type: 'number',
            required: false,
            value: null,
            source: 'citizen',
            editable: true,
            hint: null,
            fallbackReason: null,
            requiredBy: ['A'],
          },
          {
            key: 'child.hukouAddress',
            label: text('落户地址', 'Registration address'),
            type: 'address',
            required: true,
            value: '北京市朝阳区示例路 1 号',
            source: 'householdRegistry',
            editable: true,
            hint: null,
            fallbackReason: null,
            requiredBy: ['B'],
          },
        ],
      },
    ],
    materials: [
      { ...notice().materials[0]!, attached: true },
      {
        id: 'birth-cert',
        name: text('出生医学证明', 'Medical birth certificate'),
        form: 'original',
        count: 1,
        licence: null,
        requiredBy: ['A'],
        attached: false,
      },
    ],
    notApplicable: [],
    stats: { separateFields: 12, mergedFields: 4, toType: 2 },
  };
}

export function caseView(overrides: Partial<CaseView> = {}): CaseView {
  return {
    caseNumber: 'YJS-20250101-0001',
    bundleCode: 'birth',
    bundleName: BUNDLE.name,
    status: 'received',
    submittedAt: Date.UTC(2025, 0, 1, 2, 0),
    dueAt: Date.UTC(2025, 0, 8, 2, 0),
    subCases: [
      {
        department: text('卫生健康委', 'Health Commission'),
        items: [{ code: 'A', name: text('出生医学证明', 'Medical birth certificate') }],
        status: 'received',
        dueAt: null,
        note: null,
        updatedAt: Date.UTC(2025, 0, 1, 2, 0),
      },
      {
        department: text('公安局', 'Public Security Bureau'),
        items: [{ code: 'B', name: text('出生登记', 'Birth registration') }],
        status: 'in_review',
        dueAt: null,
        note: null,
        updatedAt: Date.UTC(2025, 0, 1, 2, 0),
      },
    ],
    ...overrides,
  };
}
