/**
 * Kiryana vocabulary for the demo catalogue: item types with their real HSN headings and GST tax
 * classes (classes of `INDIAN_GST_SCHEDULE`, rates of GST 2.0 from 22 Sept 2025), pack sizes,
 * typical retail prices, and fictional brands with Hindi names. Products are brand × line × item ×
 * pack, plus loose goods sold by weight. Kept as tables so a reviewer reads them like a price list.
 */

/** A fictional brand: [English, Hindi]. */
type SeedBrand = readonly [string, string];

/** A kind of item the demo shops sell. */
export type SeedItem = {
  readonly en: string;
  readonly hi: string;
  readonly category: string;
  /** 8-digit HSN tariff item. */
  readonly hsn: string;
  readonly taxClassId: string;
  readonly unit: 'g' | 'ml' | 'piece';
  /** Pack sizes in base units (g, ml or pieces). */
  readonly packs: readonly number[];
  /** Typical retail price in whole rupees per kg / litre / piece: [low, high]. */
  readonly rupeesPer: readonly [number, number];
  readonly brands: readonly SeedBrand[];
  /** Also sold loose by weight from a sack, under this tax class (unbranded goods). */
  readonly loose?: { readonly taxClassId: string };
};

/** group | English | Hindi */
const BRANDS = `
staples | Sunehra           | सुनहरा
staples | Annadata          | अन्नदाता
staples | Kisan Choice      | किसान चॉइस
staples | Desi Harvest      | देसी हार्वेस्ट
staples | Shree Balaji      | श्री बालाजी
staples | Ganga Gold        | गंगा गोल्ड
staples | Khet Se           | खेत से
oils    | Tilak             | तिलक
oils    | Swarna Dhara      | स्वर्ण धारा
oils    | Kachi Ghani Mills | कच्ची घानी मिल्स
oils    | Sunrise Gold      | सनराइज़ गोल्ड
oils    | Pavitra           | पवित्र
spices  | Masala Mandi      | मसाला मंडी
spices  | Rasoi Ratna       | रसोई रत्न
spices  | Swad Sagar        | स्वाद सागर
spices  | Desi Tadka        | देसी तड़का
spices  | Kesar Valley      | केसर वैली
spices  | Maa Ka Haath      | माँ का हाथ
dairy   | Gokul Dhara       | गोकुल धारा
dairy   | Amrit Dairy       | अमृत डेयरी
dairy   | Doodh Ganga       | दूध गंगा
dairy   | Nandan Farms      | नंदन फ़ार्म्स
snacks  | Chatkara          | चटकारा
snacks  | Bikaneri Swad     | बीकानेरी स्वाद
snacks  | Crispo            | क्रिस्पो
snacks  | Chai Saathi       | चाय साथी
snacks  | Nani Ke           | नानी के
snacks  | Good Din          | गुड दिन
care    | Neem Leaf         | नीम लीफ़
care    | Chandan Valley    | चंदन वैली
care    | Fresh Mogra       | फ्रेश मोगरा
care    | Ayur Shakti       | आयुर शक्ति
care    | Kesari            | केसरी
home    | Chamak            | चमक
home    | Saaf Ghar         | साफ़ घर
home    | Dhula             | धुला
home    | Safai King        | सफ़ाई किंग
drinks  | Chai Bagan        | चाय बागान
drinks  | Assam Valley      | असम वैली
drinks  | Nilgiri Mist      | नीलगिरी मिस्ट
drinks  | Filter House      | फ़िल्टर हाउस
fizz    | Thanda Josh       | ठंडा जोश
fizz    | Fizzy Laal        | फ़िज़ी लाल
fizz    | Jaljeera King     | जलजीरा किंग
misc    | Prakash           | प्रकाश
misc    | Shubh             | शुभ
misc    | Diya              | दीया
`;

/**
 * English | Hindi | category | HSN | tax class | unit | packs (base units) | ₹ per kg/l/piece |
 * brand group | tax class when sold loose, or -
 */
const ITEMS = `
Chakki Atta              | चक्की आटा | Atta & Flours | 11010000 | gst-5 | g | 1000 5000 10000 | 42-58 | staples | gst-nil
Multigrain Atta          | मल्टीग्रेन आटा | Atta & Flours | 11010000 | gst-5 | g | 1000 5000 | 65-90 | staples | -
Besan                    | बेसन | Atta & Flours | 11061000 | gst-5 | g | 500 1000 | 90-120 | staples | gst-5
Sooji                    | सूजी | Atta & Flours | 11031190 | gst-5 | g | 500 1000 | 48-64 | staples | gst-5
Maida                    | मैदा | Atta & Flours | 11010000 | gst-5 | g | 500 1000 | 40-55 | staples | -
Basmati Rice             | बासमती चावल | Rice | 10063020 | gst-5 | g | 1000 5000 | 95-180 | staples | gst-nil
Sona Masoori Rice        | सोना मसूरी चावल | Rice | 10063090 | gst-5 | g | 1000 5000 10000 | 58-78 | staples | gst-nil
Kolam Rice               | कोलम चावल | Rice | 10063090 | gst-5 | g | 5000 10000 | 55-70 | staples | -
Poha                     | पोहा | Rice | 19041090 | gst-5 | g | 500 1000 | 50-70 | staples | gst-nil
Toor Dal                 | तूर दाल | Dals & Pulses | 07136000 | gst-5 | g | 500 1000 2000 | 140-185 | staples | gst-nil
Moong Dal                | मूंग दाल | Dals & Pulses | 07133190 | gst-5 | g | 500 1000 | 110-145 | staples | gst-nil
Chana Dal                | चना दाल | Dals & Pulses | 07132000 | gst-5 | g | 500 1000 | 80-105 | staples | gst-nil
Urad Dal                 | उड़द दाल | Dals & Pulses | 07133100 | gst-5 | g | 500 1000 | 120-160 | staples | gst-nil
Masoor Dal               | मसूर दाल | Dals & Pulses | 07134000 | gst-5 | g | 500 1000 | 90-120 | staples | gst-nil
Rajma                    | राजमा | Dals & Pulses | 07133300 | gst-5 | g | 500 1000 | 130-170 | staples | gst-nil
Kabuli Chana             | काबुली चना | Dals & Pulses | 07132000 | gst-5 | g | 500 1000 | 120-160 | staples | gst-nil
Sugar                    | चीनी | Sugar & Salt | 17019990 | gst-5 | g | 1000 5000 | 44-52 | staples | gst-5
Jaggery                  | गुड़ | Sugar & Salt | 17011310 | gst-nil | g | 500 1000 | 60-90 | staples | gst-nil
Iodised Salt             | आयोडीन नमक | Sugar & Salt | 25010020 | gst-nil | g | 1000 | 22-30 | staples | -
Rock Salt                | सेंधा नमक | Sugar & Salt | 25010090 | gst-nil | g | 500 1000 | 60-90 | spices | -
Mustard Oil              | सरसों का तेल | Edible Oils | 15149120 | gst-5 | ml | 500 1000 5000 | 160-200 | oils | -
Sunflower Oil            | सूरजमुखी तेल | Edible Oils | 15121110 | gst-5 | ml | 1000 5000 | 140-175 | oils | -
Groundnut Oil            | मूंगफली तेल | Edible Oils | 15081000 | gst-5 | ml | 1000 5000 | 180-230 | oils | -
Soyabean Oil             | सोयाबीन तेल | Edible Oils | 15071000 | gst-5 | ml | 1000 5000 | 125-150 | oils | -
Desi Ghee                | देसी घी | Dairy | 04059020 | gst-was-12-now-5 | ml | 200 500 1000 | 560-720 | dairy | -
Butter                   | मक्खन | Dairy | 04051000 | gst-was-12-now-5 | g | 100 500 | 500-580 | dairy | -
Paneer                   | पनीर | Dairy | 04061000 | gst-was-5-now-nil | g | 200 500 | 360-460 | dairy | -
Toned Milk UHT           | टोंड दूध | Dairy | 04012000 | gst-was-5-now-nil | ml | 500 1000 | 66-80 | dairy | -
Turmeric Powder          | हल्दी पाउडर | Masala & Spices | 09103030 | gst-5 | g | 100 200 500 | 240-360 | spices | gst-5
Red Chilli Powder        | लाल मिर्च पाउडर | Masala & Spices | 09042211 | gst-5 | g | 100 200 500 | 280-420 | spices | gst-5
Coriander Powder         | धनिया पाउडर | Masala & Spices | 09092200 | gst-5 | g | 100 200 500 | 200-300 | spices | gst-5
Garam Masala             | गरम मसाला | Masala & Spices | 09109100 | gst-5 | g | 50 100 | 600-900 | spices | -
Jeera                    | जीरा | Masala & Spices | 09093129 | gst-5 | g | 100 200 | 450-650 | spices | gst-5
Chole Masala             | छोले मसाला | Masala & Spices | 09109100 | gst-5 | g | 50 100 | 640-900 | spices | -
Kitchen King Masala      | किचन किंग मसाला | Masala & Spices | 09109100 | gst-5 | g | 50 100 | 640-900 | spices | -
Chai Masala              | चाय मसाला | Masala & Spices | 09109100 | gst-5 | g | 50 | 800-1100 | spices | -
Assam Tea                | असम चाय | Tea & Coffee | 09024020 | gst-5 | g | 250 500 1000 | 420-640 | drinks | -
Masala Tea               | मसाला चाय | Tea & Coffee | 09024020 | gst-5 | g | 250 500 | 480-700 | drinks | -
Filter Coffee            | फ़िल्टर कॉफ़ी | Tea & Coffee | 09012110 | gst-5 | g | 200 500 | 600-900 | drinks | -
Instant Coffee           | इंस्टेंट कॉफ़ी | Tea & Coffee | 21011120 | gst-was-18-now-5 | g | 50 100 200 | 2200-3000 | drinks | -
Glucose Biscuits         | ग्लूकोज़ बिस्कुट | Biscuits & Snacks | 19053100 | gst-was-18-now-5 | g | 75 250 800 | 90-130 | snacks | -
Cream Biscuits           | क्रीम बिस्कुट | Biscuits & Snacks | 19053100 | gst-was-18-now-5 | g | 60 120 300 | 180-260 | snacks | -
Rusk                     | रस्क | Biscuits & Snacks | 19054000 | gst-was-18-now-5 | g | 200 300 | 150-220 | snacks | -
Aloo Bhujia              | आलू भुजिया | Biscuits & Snacks | 21069099 | gst-was-12-now-5 | g | 200 400 1000 | 220-300 | snacks | -
Moong Dal Namkeen        | मूंग दाल नमकीन | Biscuits & Snacks | 21069099 | gst-was-12-now-5 | g | 200 400 | 240-320 | snacks | -
Khatta Meetha            | खट्टा मीठा | Biscuits & Snacks | 21069099 | gst-was-12-now-5 | g | 200 400 | 220-300 | snacks | -
Instant Noodles          | इंस्टेंट नूडल्स | Biscuits & Snacks | 19023010 | gst-was-12-now-5 | g | 70 280 | 190-240 | snacks | -
Papad                    | पापड़ | Biscuits & Snacks | 19059040 | gst-nil | g | 200 | 250-350 | snacks | -
Mango Pickle             | आम का अचार | Pickles & Spreads | 20019000 | gst-was-12-now-5 | g | 400 1000 | 200-300 | spices | -
Tomato Ketchup           | टमाटर केचप | Pickles & Spreads | 21032000 | gst-was-12-now-5 | g | 500 1000 | 150-210 | snacks | -
Mixed Fruit Jam          | मिक्स फ्रूट जैम | Pickles & Spreads | 20079910 | gst-was-12-now-5 | g | 200 500 | 300-420 | snacks | -
Almonds                  | बादाम | Dry Fruits | 08021200 | gst-was-12-now-5 | g | 100 250 500 | 800-1100 | staples | gst-5
Cashews                  | काजू | Dry Fruits | 08013220 | gst-was-12-now-5 | g | 100 250 500 | 900-1300 | staples | gst-5
Raisins                  | किशमिश | Dry Fruits | 08062010 | gst-was-12-now-5 | g | 100 250 | 400-600 | staples | gst-5
Neem Soap                | नीम साबुन | Personal Care | 34011190 | gst-was-18-now-5 | piece | 1 4 | 35-45 | care | -
Sandal Soap              | चंदन साबुन | Personal Care | 34011190 | gst-was-18-now-5 | piece | 1 3 | 45-60 | care | -
Herbal Shampoo           | हर्बल शैम्पू | Personal Care | 33051090 | gst-was-18-now-5 | ml | 180 340 650 | 500-700 | care | -
Coconut Hair Oil         | नारियल तेल | Personal Care | 33059011 | gst-was-18-now-5 | ml | 100 200 500 | 280-380 | care | -
Toothpaste               | टूथपेस्ट | Personal Care | 33061020 | gst-was-18-now-5 | g | 100 150 200 | 500-650 | care | -
Detergent Powder         | डिटर्जेंट पाउडर | Household | 34022010 | gst-18 | g | 500 1000 4000 | 90-140 | home | -
Detergent Bar            | डिटर्जेंट साबुन | Household | 34011990 | gst-was-18-now-5 | piece | 1 4 | 10-15 | home | -
Dishwash Bar             | बर्तन साबुन | Household | 34022090 | gst-18 | piece | 1 3 | 10-35 | home | -
Floor Cleaner            | फ़र्श क्लीनर | Household | 38089400 | gst-18 | ml | 500 1000 | 180-240 | home | -
Toilet Cleaner           | टॉयलेट क्लीनर | Household | 38089400 | gst-18 | ml | 500 1000 | 190-250 | home | -
Agarbatti                | अगरबत्ती | Pooja & Misc | 33074100 | gst-5 | piece | 1 3 | 30-60 | misc | -
Matchbox                 | माचिस | Pooja & Misc | 36050010 | gst-was-12-now-5 | piece | 10 | 2-3 | misc | -
Candles                  | मोमबत्ती | Pooja & Misc | 34060010 | gst-was-12-now-5 | piece | 6 12 | 5-8 | misc | -
AA Batteries             | एए बैटरी | Pooja & Misc | 85061000 | gst-was-28-now-18 | piece | 2 4 | 20-30 | misc | -
Cola                     | कोला | Cold Drinks | 22021010 | gst-was-28-cess-now-40 | ml | 250 750 2000 | 45-80 | fizz | -
Jeera Soda               | जीरा सोडा | Cold Drinks | 22021010 | gst-was-28-cess-now-40 | ml | 250 750 | 50-80 | fizz | -
Packaged Drinking Water  | पीने का पानी | Cold Drinks | 22011010 | gst-was-18-now-5 | ml | 1000 2000 | 18-22 | fizz | -
Eggs                     | अंडे | Dairy | 04072100 | gst-nil | piece | 6 12 30 | 6-8 | dairy | -
Pan Masala               | पान मसाला | Pooja & Misc | 21069020 | gst-28-cess-pan-masala | g | 10 50 | 1500-2200 | misc | -
`;

/** Product lines a brand sells an item in: [English, Hindi, price in % of the plain line]. */
export const SEED_VARIANTS: readonly (readonly [string, string, number])[] = [
  ['', '', 100],
  ['Premium', 'प्रीमियम', 122],
  ['Classic', 'क्लासिक', 94],
];

function rows(table: string, columns: number): string[][] {
  return table
    .trim()
    .split('\n')
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      if (cells.length !== columns)
        throw new Error(`vocabulary row needs ${columns} cells: ${line}`);
      return cells;
    });
}

const brandGroups = new Map<string, SeedBrand[]>();
for (const [group = '', en = '', hi = ''] of rows(BRANDS, 3)) {
  brandGroups.set(group, [...(brandGroups.get(group) ?? []), [en, hi]]);
}

const UNITS: readonly SeedItem['unit'][] = ['g', 'ml', 'piece'];

/** The item types, in catalogue order. */
export const SEED_ITEMS: readonly SeedItem[] = rows(ITEMS, 10).map(
  ([
    en = '',
    hi = '',
    category = '',
    hsn = '',
    taxClassId = '',
    unit = '',
    packs = '',
    price = '',
    group = '',
    loose = '',
  ]) => {
    const brands = brandGroups.get(group);
    const [low, high] = price.split('-').map(Number);
    const knownUnit = UNITS.find((u) => u === unit);
    if (
      !brands ||
      !knownUnit ||
      low === undefined ||
      high === undefined ||
      !/^[0-9]{8}$/.test(hsn)
    ) {
      throw new Error(`bad vocabulary row for ${en}`);
    }
    return {
      en,
      hi,
      category,
      hsn,
      taxClassId,
      unit: knownUnit,
      packs: packs.split(' ').map(Number),
      rupeesPer: [low, high],
      brands,
      ...(loose === '-' ? {} : { loose: { taxClassId: loose } }),
    };
  },
);
