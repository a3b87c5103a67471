/**
 * GST: effective-dated rates, tax from MRP-inclusive prices, HSN codes, the MRP ceiling.
 *
 * Rounding policy (every figure is integer minor units; no floats anywhere):
 * 1. Per line, never per unit: tax is derived from the line's net amount (tax-inclusive, after
 *    its line discount and its share of the bill discount), so ten packets at ₹10.50 are taxed
 *    on ₹105.00, not ten times on ₹10.50.
 * 2. taxable = net × 10000 / (10000 + rateBp + cessBp), rounded half away from zero ("halfUp").
 *    It is therefore within half a paisa of the exact rational value, and a return line (negative
 *    net) gets exactly the negative of its sale line.
 * 3. tax = net − taxable, so taxable + tax = net exactly: the customer pays the printed price and
 *    no paisa is created or lost. Compared with taxable × rate rounded on its own, this differs by
 *    at most half a paisa × (1 + total rate), i.e. at most one paisa up to a 100 % combined rate.
 *    A specific (per-unit) cess (gst/specific-cess.ts: qty × amount per quantity, half up) is
 *    taken out of the net first; taxable and tax are then derived from the rest as above, and the
 *    line's cess is the ad valorem cess plus the specific cess, so the parts still add up to net.
 *    A bill of supply (composition store) charges no tax: taxable = net.
 * 4. The tax is split between GST and cess in proportion rateBp : cessBp by largest remainder
 *    (ties to GST); GST is then split intra-state into CGST and SGST halves with the odd paisa to
 *    CGST, or inter-state into IGST alone. On a bill, the CGST/SGST halves are taken once per
 *    rate group and shared back to its lines (bill/bill-gst-split.ts), so a bill's CGST and SGST
 *    differ by at most one paisa per rate group however many lines it has.
 * 5. A bill's tax breakdown by rate and its totals are sums of the line figures, never recomputed
 *    from a bill-level taxable value, so the tax lines always add up to the bill's tax totals.
 * 6. Round-off: the payable total is rounded to the currency's cash increment (INR: nearest whole
 *    rupee, half up: ₹10.50 → ₹11, ₹10.49 → ₹10; the same half-up rule as Section 170 of the CGST
 *    Act) and shown as a separate round-off amount. Round-off is not a supply: it changes neither
 *    the taxable value nor the tax.
 *
 * Rates are data (`TaxRateSchedule`), looked up with `rateOn` at the bill's business date in the
 * store's time zone. A return or credit note never looks rates up again: it reuses the
 * `gstRateBp`/`cessRateBp` stored on the original bill's lines, because it reverses the tax
 * actually charged, even when the rate has changed since.
 */
export * from './business-date';
export * from './gst-error';
export * from './gstin';
export * from './gstin-state-codes';
export * from './hsn';
export * from './inclusive-tax';
export * from './indian-gst-schedule';
export * from './mrp';
export * from './tax-rate-schedule';
export * from './place-of-supply';
export * from './specific-cess';
export * from './uqc';
