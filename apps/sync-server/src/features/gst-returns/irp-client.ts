import { createHash } from 'node:crypto';
import { type EinvoiceJson, irnInputOf } from '@kiryana/shared';
import { SignJWT, generateKeyPair } from 'jose';

/**
 * The Invoice Registration Portal behind an interface: `register` sends an e-invoice and answers
 * what the IRP answers (IRN, acknowledgement number and date, signed QR code), or throws.
 *
 * No IRP is reachable from here (a live one needs GSP credentials per GSTIN), so the default is
 * `createOfflineIrp`: a LOCAL STAND-IN, not an IRP. It computes the IRN exactly as the IRP does
 * (SHA-256 hex of GSTIN + financial year + document type + document number), but its
 * acknowledgement number is derived from the IRN and its QR code is signed with a key made in
 * this process, so no buyer or officer can verify it against NIC's certificate. docs/gst.md says
 * so; a production deployment passes a real client (a GSP's API) instead.
 */
type IrpRegistration = {
  readonly irn: string;
  readonly ackNo: string;
  /** `YYYY-MM-DD HH:mm:ss`, India time, as the IRP writes it. */
  readonly ackDate: string;
  readonly signedQrCode: string;
};

/** An IRP. */
export type IrpClient = {
  /** A name for the audit log (`offline-stand-in` for the local one). */
  readonly name: string;
  register(einvoice: EinvoiceJson, businessDate: string): Promise<IrpRegistration>;
};

/** The IRN of an e-invoice, as the IRP computes it. */
export function irnOf(einvoice: EinvoiceJson, businessDate: string): string {
  const input = irnInputOf(
    einvoice.SellerDtls.Gstin,
    businessDate,
    einvoice.DocDtls.Typ,
    einvoice.DocDtls.No,
  );
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

/** India time of an instant as the IRP prints it. */
function istText(epochMs: number): string {
  return new Date(epochMs + 330 * 60_000).toISOString().replace('T', ' ').slice(0, 19);
}

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** The local stand-in IRP (see above). `now` is the clock of the acknowledgement. */
export function createOfflineIrp(now: () => number = Date.now): IrpClient {
  // One RS256 key per process, made on first use: the stand-in's "IRP certificate".
  let key: Promise<SigningKey> | null = null;
  const signingKey = () => {
    key ??= generateKeyPair('RS256').then((pair) => pair.privateKey);
    return key;
  };
  return {
    name: 'offline-stand-in',
    async register(einvoice, businessDate) {
      const irn = irnOf(einvoice, businessDate);
      // A 15-digit acknowledgement number, stable for an IRN (the real IRP numbers them in order).
      const ackNo = `1${(BigInt(`0x${irn.slice(0, 16)}`) % 10n ** 14n).toString().padStart(14, '0')}`;
      const ackDate = istText(now());
      const mainHsn = einvoice.ItemList[0]?.HsnCd ?? '';
      // The QR payload of the IRP's signed QR code (the same claims, under our own issuer).
      const data = {
        SellerGstin: einvoice.SellerDtls.Gstin,
        BuyerGstin: einvoice.BuyerDtls.Gstin,
        DocNo: einvoice.DocDtls.No,
        DocTyp: einvoice.DocDtls.Typ,
        DocDt: einvoice.DocDtls.Dt,
        TotInvVal: einvoice.ValDtls.TotInvVal,
        ItemCnt: einvoice.ItemList.length,
        MainHsnCode: mainHsn,
        Irn: irn,
        IrnDt: ackDate,
      };
      const signedQrCode = await new SignJWT({ data: JSON.stringify(data) })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer('kiryana-offline-irp-stand-in')
        .setIssuedAt(Math.floor(now() / 1000))
        .sign(await signingKey());
      return { irn, ackNo, ackDate, signedQrCode };
    },
  };
}
