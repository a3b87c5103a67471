export * from './display-unit';
export * from './ean13';
export * from './line-amount';
export * from './quantity';
export * from './scale-barcode';
export * from './units-error';
