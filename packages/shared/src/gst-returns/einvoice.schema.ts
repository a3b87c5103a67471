/**
 * JSON Schema (draft-07) of the e-invoice `buildEinvoice` writes: the fields of NIC's e-invoice
 * schema version 1.1 that a retail B2B invoice or credit note fills (no export, e-commerce,
 * payment, reference, dispatch or e-way bill details). Field names, codes and lengths are the
 * IRP's; the IRP also asks for a PIN code, which stores do not record yet (docs/gst.md).
 */

const gstin = { type: 'string', pattern: '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$' };
const stateCode = { type: 'string', pattern: '^[0-9]{2}$' };
const text = (min: number, max: number) => ({ type: 'string', minLength: min, maxLength: max });
const amount = { type: 'number' };

const party = (extra: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['Gstin', 'LglNm', 'Addr1', 'Loc', 'Stcd', ...required],
  properties: {
    Gstin: gstin,
    LglNm: text(3, 100),
    Addr1: text(1, 100),
    Loc: text(3, 50),
    Stcd: stateCode,
    ...extra,
  },
});

/** The schema object (validate with ajv in tests). */
export const einvoiceJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kiryana.example/schemas/einvoice-1.1.json',
  title: 'e-invoice (NIC schema version 1.1), B2B goods',
  type: 'object',
  additionalProperties: false,
  required: ['Version', 'TranDtls', 'DocDtls', 'SellerDtls', 'BuyerDtls', 'ItemList', 'ValDtls'],
  properties: {
    Version: { const: '1.1' },
    TranDtls: {
      type: 'object',
      additionalProperties: false,
      required: ['TaxSch', 'SupTyp'],
      properties: {
        TaxSch: { const: 'GST' },
        SupTyp: { enum: ['B2B', 'SEZWP', 'SEZWOP', 'EXPWP', 'EXPWOP', 'DEXP'] },
        RegRev: { enum: ['Y', 'N'] },
        IgstOnIntra: { enum: ['Y', 'N'] },
      },
    },
    DocDtls: {
      type: 'object',
      additionalProperties: false,
      required: ['Typ', 'No', 'Dt'],
      properties: {
        Typ: { enum: ['INV', 'CRN', 'DBN'] },
        No: { type: 'string', pattern: '^[1-9A-Z][0-9A-Z/-]{0,15}$' },
        Dt: { type: 'string', pattern: '^[0-3][0-9]/[01][0-9]/[0-9]{4}$' },
      },
    },
    SellerDtls: party({ TrdNm: text(3, 100) }, []),
    BuyerDtls: party({ Pos: stateCode }, ['Pos']),
    ItemList: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'SlNo',
          'IsServc',
          'HsnCd',
          'UnitPrice',
          'TotAmt',
          'AssAmt',
          'GstRt',
          'TotItemVal',
        ],
        properties: {
          SlNo: text(1, 6),
          IsServc: { enum: ['Y', 'N'] },
          HsnCd: { type: 'string', pattern: '^([0-9]{4}|[0-9]{6}|[0-9]{8})$' },
          Qty: { type: 'number', minimum: 0 },
          Unit: text(3, 8),
          UnitPrice: amount,
          TotAmt: amount,
          Discount: amount,
          AssAmt: amount,
          GstRt: { type: 'number', minimum: 0, maximum: 100 },
          IgstAmt: amount,
          CgstAmt: amount,
          SgstAmt: amount,
          CesAmt: amount,
          TotItemVal: amount,
        },
      },
    },
    ValDtls: {
      type: 'object',
      additionalProperties: false,
      required: ['AssVal', 'TotInvVal'],
      properties: {
        AssVal: amount,
        CgstVal: amount,
        SgstVal: amount,
        IgstVal: amount,
        CesVal: amount,
        RndOffAmt: amount,
        TotInvVal: amount,
      },
    },
  },
} as const;
