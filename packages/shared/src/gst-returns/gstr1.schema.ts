/**
 * JSON Schema (draft-07) of the GSTR-1 file `buildGstr1` writes, after the GST portal's offline
 * tool format (sections b2b, b2cl, b2cs, cdnr, cdnur, hsn with hsn_b2b / hsn_b2c, doc_issue; field
 * names as the portal spells them). Amounts are numbers with at most two decimals (`multipleOf`
 * 0.01 is unreliable in floating point, so a pattern on the text is not possible either: the
 * server's tests check the two decimals on the figures themselves). It describes what we emit,
 * not every optional field the portal accepts (exports, advances, amendments are not issued by a
 * counter).
 */

const gstin = { type: 'string', pattern: '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$' };
const stateCode = { type: 'string', pattern: '^[0-9]{2}$' };
const date = { type: 'string', pattern: '^[0-3][0-9]-[01][0-9]-[0-9]{4}$' };
const docNumber = { type: 'string', pattern: '^[A-Za-z0-9/-]{1,16}$' };
const amount = { type: 'number' };
const rate = { type: 'number', minimum: 0, maximum: 100 };

/**
 * The figures of one rate: an invoice's item carries them (camt/samt only within a state), and a
 * B2CS row and an HSN row carry them all.
 */
const taxFigures = {
  rt: rate,
  txval: amount,
  iamt: amount,
  camt: amount,
  samt: amount,
  csamt: amount,
};
const TAX_FIGURE_KEYS = ['rt', 'txval', 'iamt', 'camt', 'samt', 'csamt'] as const;
const reverseCharge = { enum: ['N', 'Y'] } as const;
const invoiceType = { enum: ['R', 'SEWP', 'SEWOP', 'DE', 'CBW'] } as const;

const itemDetail = {
  type: 'object',
  required: ['txval', 'rt', 'iamt', 'csamt'],
  additionalProperties: false,
  properties: taxFigures,
};
const items = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['num', 'itm_det'],
    additionalProperties: false,
    properties: { num: { type: 'integer', minimum: 1 }, itm_det: itemDetail },
  },
};
const hsnRow = {
  type: 'object',
  required: ['num', 'hsn_sc', 'uqc', 'qty', ...TAX_FIGURE_KEYS],
  additionalProperties: false,
  properties: {
    num: { type: 'integer', minimum: 1 },
    hsn_sc: { type: 'string', pattern: '^([0-9]{4}|[0-9]{6}|[0-9]{8})$' },
    uqc: { type: 'string', enum: ['NOS', 'KGS', 'LTR'] },
    qty: { type: 'number' },
    ...taxFigures,
  },
};
const series = {
  type: 'object',
  required: ['num', 'from', 'to', 'totnum', 'cancel', 'net_issue'],
  additionalProperties: false,
  properties: {
    num: { type: 'integer', minimum: 1 },
    from: docNumber,
    to: docNumber,
    totnum: { type: 'integer', minimum: 1 },
    cancel: { type: 'integer', minimum: 0 },
    net_issue: { type: 'integer', minimum: 0 },
  },
};

const b2bInvoice = {
  type: 'object',
  required: ['inum', 'idt', 'val', 'pos', 'rchrg', 'inv_typ', 'itms'],
  additionalProperties: false,
  properties: {
    inum: docNumber,
    idt: date,
    val: amount,
    pos: stateCode,
    rchrg: reverseCharge,
    inv_typ: invoiceType,
    itms: items,
  },
};
const cdnrNote = {
  type: 'object',
  required: ['ntty', 'nt_num', 'nt_dt', 'val', 'pos', 'rchrg', 'inv_typ', 'itms'],
  additionalProperties: false,
  properties: {
    ntty: { enum: ['C', 'D'] },
    nt_num: docNumber,
    nt_dt: date,
    val: amount,
    pos: stateCode,
    rchrg: reverseCharge,
    inv_typ: invoiceType,
    itms: items,
  },
};

/**
 * A list of buyers (by GSTIN), each with its documents: the shape b2b (invoices) and cdnr
 * (credit/debit notes) share.
 */
function byBuyer(key: 'inv' | 'nt', document: object) {
  return {
    type: 'array',
    items: {
      type: 'object',
      required: ['ctin', key],
      additionalProperties: false,
      properties: { ctin: gstin, [key]: { type: 'array', minItems: 1, items: document } },
    },
  };
}

/** The schema object (validate with ajv in tests). */
export const gstr1JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kiryana.example/schemas/gstr1.json',
  title: 'GSTR-1 (GST portal offline tool JSON)',
  type: 'object',
  required: ['gstin', 'fp', 'b2b', 'b2cl', 'b2cs', 'cdnr', 'cdnur', 'hsn', 'doc_issue'],
  additionalProperties: false,
  properties: {
    gstin,
    fp: { type: 'string', pattern: '^(0[1-9]|1[0-2])[0-9]{4}$' },
    b2b: byBuyer('inv', b2bInvoice),
    b2cl: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pos', 'inv'],
        additionalProperties: false,
        properties: {
          pos: stateCode,
          inv: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['inum', 'idt', 'val', 'itms'],
              additionalProperties: false,
              properties: { inum: docNumber, idt: date, val: amount, itms: items },
            },
          },
        },
      },
    },
    b2cs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sply_ty', 'pos', 'typ', ...TAX_FIGURE_KEYS],
        additionalProperties: false,
        properties: {
          sply_ty: { enum: ['INTRA', 'INTER'] },
          pos: stateCode,
          typ: { enum: ['OE', 'E'] },
          ...taxFigures,
        },
      },
    },
    cdnr: byBuyer('nt', cdnrNote),
    cdnur: {
      type: 'array',
      items: {
        type: 'object',
        required: ['typ', 'ntty', 'nt_num', 'nt_dt', 'val', 'pos', 'itms'],
        additionalProperties: false,
        properties: {
          typ: { enum: ['B2CL', 'EXPWP', 'EXPWOP'] },
          ntty: { enum: ['C', 'D'] },
          nt_num: docNumber,
          nt_dt: date,
          val: amount,
          pos: stateCode,
          itms: items,
        },
      },
    },
    hsn: {
      type: 'object',
      required: ['hsn_b2b', 'hsn_b2c'],
      additionalProperties: false,
      properties: {
        hsn_b2b: { type: 'array', items: hsnRow },
        hsn_b2c: { type: 'array', items: hsnRow },
      },
    },
    doc_issue: {
      type: 'object',
      required: ['doc_det'],
      additionalProperties: false,
      properties: {
        doc_det: {
          type: 'array',
          items: {
            type: 'object',
            required: ['doc_num', 'doc_typ', 'docs'],
            additionalProperties: false,
            properties: {
              doc_num: { type: 'integer', minimum: 1, maximum: 12 },
              doc_typ: { type: 'string' },
              docs: { type: 'array', minItems: 1, items: series },
            },
          },
        },
      },
    },
  },
} as const;
