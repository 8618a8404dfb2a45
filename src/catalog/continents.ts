/**
 * The continent of each country the catalog places are in, as Route 53 geolocation names
 * continents (AF, AN, AS, EU, NA, OC, SA; Route 53 Developer Guide, routing-policy-geo.md).
 * ASSUMPTION: the usual ISO 3166 assignment (Russia in Europe, Turkey and the Middle East in Asia,
 * the Caribbean and Central America in North America); AWS does not publish its own table.
 */
const BY_CONTINENT: Readonly<Record<string, string>> = {
  AF: 'AO BF CD CG CI CM DZ EG ET GH KE MA MG ML NG SD SN SO TN TZ UG ZA ZM',
  AS: 'AE AF AZ BD BH CN HK ID IL IN IQ IR JO JP KH KP KR KW LB MM MY OM PH PK QA SA SG SY TH TR TW UZ VN YE',
  EU: 'AT BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LU LV NL NO PL PT RO RS RU SE SI SK UA',
  NA: 'CA CR CU DO GT HN HT JM MX NI PA PR SV US',
  OC: 'AU FJ NZ PG',
  SA: 'AR BO BR CL CO EC PE PY UY VE',
};

const CONTINENT = new Map<string, string>(
  Object.entries(BY_CONTINENT).flatMap(([continent, countries]) =>
    countries.split(' ').map((country) => [country, continent] as const),
  ),
);

/**
 * The continent code of an ISO 3166-1 alpha-2 country, or undefined when the table lacks it.
 * @example continentOf('FR') // 'EU'
 */
export function continentOf(country: string): string | undefined {
  return CONTINENT.get(country.toUpperCase());
}
