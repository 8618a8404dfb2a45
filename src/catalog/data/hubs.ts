/**
 * The long-haul internet as Footprint sees it: the cities where networks meet (exchange hubs), the
 * stations where submarine cables land, and the routes between them (terrestrial fiber and named
 * submarine cables). The AWS backbone and the public internet are routed over this graph; each
 * class has its own fitted inflation and costs (`latency-parameters.ts`).
 *
 * Facts, not fitted: which cables join which landing points, and where they are.
 * - Submarine cables, their landing stations and ready-for-service years: TeleGeography,
 *   Submarine Cable Map (submarinecablemap.com), and the owners' announcements (Google: Curie,
 *   Dunant, Grace Hopper, Equiano; Microsoft/Meta/Telxius: MAREA; Telxius: BRUSA; EllaLink).
 * - Exchange hubs: the metros with the largest internet exchanges and carrier-neutral colocation
 *   (PeeringDB facility and exchange lists); coordinates are the city center, to ~0.1°.
 * - Terrestrial routes: the long-haul corridors carriers publish (interstates and railways in
 *   North America, the pan-European rings, the Egypt crossing between the Mediterranean and the
 *   Red Sea, the Trans-Siberian route). A route is a pair of hubs it joins; its length is the
 *   great-circle distance, stretched by the fitted inflation of its medium.
 *
 * Which routes the AWS backbone uses is not published cable by cable. The routes marked
 * `internetOnly` are those the shape of AWS's own inter-region RTTs rules out (cloudping.co medians,
 * the data the backbone is fitted to): af-south-1 reaches Asia and the Middle East through Europe,
 * not over the east-African cables; sa-east-1 reaches Europe through the United States, not over
 * EllaLink; ap-southeast-7 reaches Hong Kong through Singapore; Seoul reaches Tokyo through Osaka.
 * That is a judgement made with the data in view: cross-validation protects the fitted numbers,
 * not this choice. The Trans-Siberian line carries Russian traffic only (no route to China: Chinese
 * networks reach Europe by sea or through the United States).
 *
 * Compact on purpose (a few dozen hubs): a landing station stands for the stations of its stretch
 * of coast (Bude for Bude and Brean, Virginia Beach for the Virginia Beach cluster, Hillsboro for
 * the Oregon landings), and a cable is listed by the segments that carry traffic between hubs.
 * Landing stations are waypoints: no exchange there, so no per-hub cost and no access from places.
 */

/** An exchange hub is a city where networks interconnect; a landing is where cables come ashore. */
export type HubKind = 'exchange' | 'landing';

/** A node of the long-haul graph. */
export interface Hub {
  readonly id: string;
  readonly name: string;
  readonly kind: HubKind;
  readonly lat: number;
  readonly lon: number;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /**
   * A core exchange: where the global transit networks interconnect. On the public internet, a
   * route between hubs of two countries passes at least one core exchange.
   */
  readonly core?: true;
}

/** Terrestrial fiber or a submarine cable. */
export type RouteMedium = 'land' | 'sea';

/** A route between two hubs. */
export interface HubRoute {
  readonly between: readonly [string, string];
  readonly medium: RouteMedium;
  /** The cables (with year ready for service) or the corridor. */
  readonly name: string;
  /** False when the AWS backbone does not carry traffic over this route (the internet still does). */
  readonly backbone?: false;
}

const x = (id: string, name: string, lat: number, lon: number, country: string): Hub => ({
  id,
  name,
  kind: 'exchange',
  lat,
  lon,
  country,
});
/** A core exchange: see {@link Hub.core}. */
const core = (id: string, name: string, lat: number, lon: number, country: string): Hub => ({
  ...x(id, name, lat, lon, country),
  core: true,
});
const l = (id: string, name: string, lat: number, lon: number, country: string): Hub => ({
  id,
  name,
  kind: 'landing',
  lat,
  lon,
  country,
});

export const HUBS: readonly Hub[] = [
  // North America
  core('seattle', 'Seattle', 47.61, -122.33, 'US'),
  core('hillsboro', 'Portland / Hillsboro', 45.54, -122.94, 'US'),
  core('san-jose', 'San Jose (Silicon Valley)', 37.34, -121.89, 'US'),
  core('los-angeles', 'Los Angeles', 34.05, -118.24, 'US'),
  core('phoenix', 'Phoenix', 33.45, -112.07, 'US'),
  core('salt-lake-city', 'Salt Lake City', 40.76, -111.89, 'US'),
  core('denver', 'Denver', 39.74, -104.99, 'US'),
  core('dallas', 'Dallas', 32.78, -96.8, 'US'),
  core('houston', 'Houston', 29.76, -95.37, 'US'),
  core('kansas-city', 'Kansas City', 39.1, -94.58, 'US'),
  core('minneapolis', 'Minneapolis', 44.98, -93.27, 'US'),
  core('chicago', 'Chicago', 41.88, -87.63, 'US'),
  core('atlanta', 'Atlanta', 33.75, -84.39, 'US'),
  core('miami', 'Miami', 25.76, -80.19, 'US'),
  core('ashburn', 'Ashburn (Northern Virginia)', 39.04, -77.49, 'US'),
  core('new-york', 'New York', 40.71, -74.01, 'US'),
  core('toronto', 'Toronto', 43.65, -79.38, 'CA'),
  core('montreal', 'Montreal', 45.5, -73.57, 'CA'),
  core('halifax', 'Halifax', 44.65, -63.57, 'CA'),
  core('vancouver', 'Vancouver', 49.28, -123.12, 'CA'),
  core('calgary', 'Calgary', 51.05, -114.07, 'CA'),
  core('winnipeg', 'Winnipeg', 49.9, -97.14, 'CA'),
  x('mexico-city', 'Mexico City', 19.43, -99.13, 'MX'),
  l('virginia-beach', 'Virginia Beach cable landings', 36.85, -75.98, 'US'),
  l('honolulu', 'Oahu cable landings (Kapolei, Makaha, Kahe Point)', 21.35, -158.08, 'US'),
  l('guam', 'Guam cable landings (Piti, Tumon)', 13.44, 144.71, 'GU'),
  // Latin America
  x('san-juan', 'San Juan', 18.47, -66.11, 'PR'),
  x('panama', 'Panama City', 8.98, -79.52, 'PA'),
  x('bogota', 'Bogota', 4.71, -74.07, 'CO'),
  l('barranquilla', 'Barranquilla / Cartagena cable landings', 10.96, -74.8, 'CO'),
  x('lima', 'Lima', -12.05, -77.04, 'PE'),
  x('santiago', 'Santiago (Valparaiso landings)', -33.45, -70.67, 'CL'),
  l('fortaleza', 'Fortaleza cable landings', -3.73, -38.53, 'BR'),
  x('sao-paulo', 'Sao Paulo (Santos, Praia Grande landings)', -23.55, -46.63, 'BR'),
  x('rio-de-janeiro', 'Rio de Janeiro', -22.91, -43.17, 'BR'),
  x('buenos-aires', 'Buenos Aires (Las Toninas landings)', -34.6, -58.38, 'AR'),
  // Europe
  core('london', 'London', 51.51, -0.13, 'GB'),
  l('bude', 'Bude and Brean cable landings', 50.83, -4.55, 'GB'),
  x('dublin', 'Dublin', 53.35, -6.26, 'IE'),
  core('amsterdam', 'Amsterdam', 52.37, 4.9, 'NL'),
  core('frankfurt', 'Frankfurt', 50.11, 8.68, 'DE'),
  x('hamburg', 'Hamburg', 53.55, 10.0, 'DE'),
  core('paris', 'Paris', 48.86, 2.35, 'FR'),
  l('saint-hilaire', 'Saint-Hilaire-de-Riez cable landing', 46.72, -1.95, 'FR'),
  x('marseille', 'Marseille', 43.3, 5.37, 'FR'),
  x('madrid', 'Madrid', 40.42, -3.7, 'ES'),
  l('bilbao', 'Sopelana (Bilbao) cable landing', 43.38, -2.98, 'ES'),
  x('lisbon', 'Lisbon (Sesimbra, Seixal landings)', 38.72, -9.14, 'PT'),
  l('sines', 'Sines cable landing', 37.95, -8.87, 'PT'),
  x('milan', 'Milan', 45.46, 9.19, 'IT'),
  x('palermo', 'Palermo (Sicily: Catania, Mazara landings)', 38.12, 13.36, 'IT'),
  x('vienna', 'Vienna', 48.21, 16.37, 'AT'),
  x('warsaw', 'Warsaw', 52.23, 21.01, 'PL'),
  x('copenhagen', 'Copenhagen', 55.68, 12.57, 'DK'),
  x('oslo', 'Oslo', 59.91, 10.75, 'NO'),
  x('stockholm', 'Stockholm', 59.33, 18.07, 'SE'),
  x('helsinki', 'Helsinki', 60.17, 24.94, 'FI'),
  x('moscow', 'Moscow', 55.76, 37.62, 'RU'),
  x('vladivostok', 'Vladivostok', 43.12, 131.89, 'RU'),
  x('sofia', 'Sofia', 42.7, 23.32, 'BG'),
  x('istanbul', 'Istanbul', 41.01, 28.98, 'TR'),
  // Middle East and Africa
  x('tel-aviv', 'Tel Aviv', 32.09, 34.78, 'IL'),
  l('alexandria', 'Alexandria / Abu Talat cable landings', 31.2, 29.92, 'EG'),
  x('cairo', 'Cairo', 30.04, 31.24, 'EG'),
  l('suez', 'Suez / Zafarana cable landings', 29.97, 32.55, 'EG'),
  l('jeddah', 'Jeddah / Yanbu cable landings', 21.49, 39.19, 'SA'),
  l('djibouti', 'Djibouti cable landings', 11.59, 43.15, 'DJ'),
  l('muscat', 'Muscat / Barka cable landings', 23.59, 58.41, 'OM'),
  l('fujairah', 'Fujairah cable landings', 25.12, 56.33, 'AE'),
  x('dubai', 'Dubai', 25.2, 55.27, 'AE'),
  x('bahrain', 'Manama', 26.23, 50.59, 'BH'),
  x('mumbai', 'Mumbai', 19.08, 72.88, 'IN'),
  x('delhi', 'Delhi', 28.61, 77.21, 'IN'),
  x('chennai', 'Chennai', 13.08, 80.27, 'IN'),
  l('colombo', 'Colombo / Matara cable landings', 6.93, 79.85, 'LK'),
  l('mombasa', 'Mombasa cable landings', -4.04, 39.67, 'KE'),
  x('nairobi', 'Nairobi', -1.29, 36.82, 'KE'),
  l('durban', 'Mtunzini / Durban cable landings', -29.86, 31.03, 'ZA'),
  x('johannesburg', 'Johannesburg', -26.2, 28.05, 'ZA'),
  x('cape-town', 'Cape Town (Melkbosstrand, Yzerfontein landings)', -33.92, 18.42, 'ZA'),
  x('lagos', 'Lagos', 6.52, 3.38, 'NG'),
  // Asia and Oceania
  core('singapore', 'Singapore', 1.35, 103.82, 'SG'),
  x('kuala-lumpur', 'Kuala Lumpur', 3.14, 101.69, 'MY'),
  x('jakarta', 'Jakarta', -6.21, 106.85, 'ID'),
  x('bangkok', 'Bangkok', 13.76, 100.5, 'TH'),
  x('ho-chi-minh-city', 'Ho Chi Minh City (Vung Tau landings)', 10.82, 106.63, 'VN'),
  x('hanoi', 'Hanoi', 21.03, 105.85, 'VN'),
  core('hong-kong', 'Hong Kong', 22.32, 114.17, 'HK'),
  x('shanghai', 'Shanghai (Chongming, Nanhui landings)', 31.23, 121.47, 'CN'),
  x('beijing', 'Beijing', 39.9, 116.41, 'CN'),
  x('taipei', 'Taipei (Toucheng, Tanshui landings)', 25.03, 121.57, 'TW'),
  x('manila', 'Manila', 14.6, 120.98, 'PH'),
  core('tokyo', 'Tokyo (Chikura, Maruyama, Minamiboso landings)', 35.68, 139.69, 'JP'),
  x('osaka', 'Osaka (Shima landings)', 34.69, 135.5, 'JP'),
  x('seoul', 'Seoul', 37.57, 126.98, 'KR'),
  x('busan', 'Busan (cable landings)', 35.18, 129.08, 'KR'),
  core('sydney', 'Sydney', -33.87, 151.21, 'AU'),
  x('melbourne', 'Melbourne', -37.81, 144.96, 'AU'),
  x('brisbane', 'Brisbane (Maroochydore landing)', -27.47, 153.03, 'AU'),
  x('adelaide', 'Adelaide', -34.93, 138.6, 'AU'),
  x('perth', 'Perth', -31.95, 115.86, 'AU'),
  x('auckland', 'Auckland', -36.85, 174.76, 'NZ'),
];

const land = (a: string, b: string, name: string): HubRoute => ({ between: [a, b], medium: 'land', name });
const sea = (a: string, b: string, name: string): HubRoute => ({ between: [a, b], medium: 'sea', name });
/** A route the AWS backbone does not use (see the header). */
const internetOnly = (route: HubRoute): HubRoute => ({ ...route, backbone: false });

export const HUB_ROUTES: readonly HubRoute[] = [
  // North America, terrestrial long-haul corridors
  land('seattle', 'hillsboro', 'I-5 corridor'),
  land('hillsboro', 'san-jose', 'I-5 corridor'),
  land('san-jose', 'los-angeles', 'US-101 / I-5 corridor'),
  land('los-angeles', 'phoenix', 'I-10 corridor'),
  land('phoenix', 'dallas', 'I-10 / I-20 corridor'),
  land('san-jose', 'salt-lake-city', 'I-80 corridor'),
  land('hillsboro', 'salt-lake-city', 'I-84 corridor'),
  land('salt-lake-city', 'denver', 'I-80 / I-70 corridor'),
  land('denver', 'kansas-city', 'I-70 corridor'),
  land('denver', 'dallas', 'US-287 corridor'),
  land('seattle', 'minneapolis', 'I-90 / I-94 corridor'),
  land('minneapolis', 'chicago', 'I-94 corridor'),
  land('kansas-city', 'chicago', 'I-35 / I-55 corridor'),
  land('kansas-city', 'dallas', 'I-35 corridor'),
  land('dallas', 'houston', 'I-45 corridor'),
  land('dallas', 'atlanta', 'I-20 corridor'),
  land('houston', 'atlanta', 'I-10 corridor'),
  land('atlanta', 'miami', 'I-75 / I-95 corridor'),
  land('atlanta', 'ashburn', 'I-85 corridor'),
  land('atlanta', 'chicago', 'I-65 corridor'),
  land('chicago', 'ashburn', 'I-70 / I-76 corridor'),
  land('chicago', 'new-york', 'I-80 / I-90 corridor'),
  land('chicago', 'toronto', 'Chicago - Toronto corridor'),
  land('toronto', 'montreal', 'Highway 401 corridor'),
  land('montreal', 'new-york', 'I-87 corridor'),
  land('montreal', 'halifax', 'Trans-Canada corridor'),
  land('new-york', 'ashburn', 'I-95 corridor'),
  land('ashburn', 'virginia-beach', 'Virginia Beach backhaul'),
  land('seattle', 'vancouver', 'I-5 corridor'),
  land('vancouver', 'calgary', 'Trans-Canada corridor'),
  land('calgary', 'winnipeg', 'Trans-Canada corridor'),
  land('winnipeg', 'toronto', 'Trans-Canada corridor'),
  land('winnipeg', 'minneapolis', 'I-29 / I-94 corridor'),
  land('dallas', 'mexico-city', 'I-35 / Monterrey corridor'),
  // The Americas, submarine
  sea('hillsboro', 'honolulu', 'Southern Cross (2000), Hawaiki (2018)'),
  sea('san-jose', 'honolulu', 'Southern Cross (2000), AAG (2009)'),
  sea('los-angeles', 'honolulu', 'SEA-US (2017)'),
  sea('miami', 'san-juan', 'ARCOS-1 (2001), SAm-1 (2001)'),
  sea('miami', 'panama', 'Maya-1 (2000), ARCOS-1 (2001)'),
  sea('miami', 'barranquilla', 'ARCOS-1 (2001), SAm-1 (2001)'),
  land('barranquilla', 'bogota', 'Colombian long-haul'),
  sea('panama', 'barranquilla', 'Maya-1 (2000), PCCS (2015)'),
  sea('panama', 'lima', 'SAC (2001), SAm-1 (2001)'),
  sea('lima', 'santiago', 'SAC (2001), SAm-1 (2001)'),
  sea('los-angeles', 'santiago', 'Curie (2020)'),
  land('santiago', 'buenos-aires', 'Andes crossing'),
  sea('buenos-aires', 'sao-paulo', 'Malbec (2021), Tannat (2018), SAm-1 (2001)'),
  land('sao-paulo', 'rio-de-janeiro', 'Sao Paulo - Rio corridor'),
  sea('rio-de-janeiro', 'fortaleza', 'BRUSA (2018), GlobeNet (2001)'),
  sea('sao-paulo', 'fortaleza', 'Monet (2017), SAC (2001)'),
  sea('fortaleza', 'miami', 'Monet (2017), GlobeNet (2001)'),
  sea('fortaleza', 'virginia-beach', 'BRUSA (2018)'),
  sea('fortaleza', 'san-juan', 'BRUSA (2018), SAm-1 (2001)'),
  internetOnly(sea('fortaleza', 'sines', 'EllaLink (2021)')),
  // North Atlantic
  sea('new-york', 'bude', 'Grace Hopper (2022), Apollo (2003)'),
  sea('new-york', 'bilbao', 'Grace Hopper (2022)'),
  sea('new-york', 'dublin', 'AEC-1 (2016), via Killala'),
  sea('halifax', 'bude', 'Hibernia Express (2015), to Brean'),
  sea('halifax', 'dublin', 'Hibernia Express (2015), to Cork'),
  sea('virginia-beach', 'bilbao', 'MAREA (2018)'),
  sea('virginia-beach', 'saint-hilaire', 'Dunant (2021)'),
  // Europe
  land('bude', 'london', 'Bude - London backhaul'),
  land('london', 'paris', 'Channel crossings'),
  sea('london', 'amsterdam', 'North Sea cables (Concerto, Circe North)'),
  sea('london', 'dublin', 'Irish Sea cables (CeltixConnect, ESAT)'),
  land('amsterdam', 'frankfurt', 'Amsterdam - Frankfurt corridor'),
  land('amsterdam', 'hamburg', 'Amsterdam - Hamburg corridor'),
  land('amsterdam', 'paris', 'Amsterdam - Brussels - Paris corridor'),
  land('frankfurt', 'paris', 'Frankfurt - Paris corridor'),
  land('frankfurt', 'hamburg', 'Frankfurt - Hamburg corridor'),
  land('frankfurt', 'milan', 'Frankfurt - Zurich - Milan corridor'),
  land('frankfurt', 'marseille', 'Frankfurt - Lyon - Marseille corridor'),
  land('frankfurt', 'vienna', 'Frankfurt - Munich - Vienna corridor'),
  land('frankfurt', 'warsaw', 'Frankfurt - Berlin - Warsaw corridor'),
  land('paris', 'marseille', 'Paris - Lyon - Marseille corridor'),
  land('paris', 'saint-hilaire', 'Dunant backhaul via Nantes'),
  land('paris', 'madrid', 'Paris - Bordeaux - Madrid corridor'),
  land('marseille', 'madrid', 'Marseille - Barcelona - Madrid corridor'),
  land('marseille', 'milan', 'Marseille - Genoa - Milan corridor'),
  land('madrid', 'bilbao', 'MAREA backhaul'),
  land('madrid', 'lisbon', 'Madrid - Lisbon corridor'),
  land('lisbon', 'sines', 'EllaLink backhaul'),
  land('milan', 'palermo', 'Milan - Rome - Sicily corridor'),
  land('vienna', 'warsaw', 'Vienna - Warsaw corridor'),
  land('vienna', 'sofia', 'Vienna - Budapest - Belgrade - Sofia corridor'),
  land('sofia', 'istanbul', 'Sofia - Istanbul corridor'),
  land('hamburg', 'copenhagen', 'Hamburg - Copenhagen corridor'),
  land('copenhagen', 'stockholm', 'Copenhagen - Stockholm corridor'),
  land('copenhagen', 'oslo', 'Copenhagen - Oslo corridor'),
  land('oslo', 'stockholm', 'Oslo - Stockholm corridor'),
  sea('stockholm', 'helsinki', 'Baltic Sea cables (Sweden - Finland)'),
  land('helsinki', 'moscow', 'Helsinki - St Petersburg - Moscow corridor'),
  land('warsaw', 'moscow', 'Warsaw - Minsk - Moscow corridor'),
  land('moscow', 'vladivostok', 'Trans-Siberian line (Rostelecom)'),
  // Mediterranean, Red Sea, Arabian Sea: Europe - Asia
  sea('marseille', 'alexandria', 'SEA-ME-WE 4 (2005), AAE-1 (2017), IMEWE (2010)'),
  sea('marseille', 'palermo', 'SEA-ME-WE 4 (2005), IMEWE (2010)'),
  sea('palermo', 'alexandria', 'SEA-ME-WE 5 (2016), IMEWE (2010)'),
  sea('tel-aviv', 'palermo', 'MedNautilus (2001)'),
  sea('tel-aviv', 'istanbul', 'MedNautilus (2001)'),
  land('alexandria', 'suez', 'Egypt crossing'),
  land('alexandria', 'cairo', 'Alexandria - Cairo'),
  land('cairo', 'suez', 'Cairo - Suez'),
  sea('suez', 'jeddah', 'SEA-ME-WE 4 (2005), SEA-ME-WE 5 (2016), AAE-1 (2017), IMEWE (2010)'),
  sea('jeddah', 'djibouti', 'SEA-ME-WE 5 (2016), AAE-1 (2017)'),
  land('jeddah', 'bahrain', 'Saudi terrestrial (Jeddah - Riyadh - Dammam)'),
  sea('djibouti', 'muscat', 'AAE-1 (2017), SEA-ME-WE 5 (2016)'),
  land('muscat', 'fujairah', 'Oman - UAE terrestrial'),
  land('fujairah', 'dubai', 'Fujairah - Dubai backhaul'),
  sea('fujairah', 'bahrain', 'FALCON (2006), GBI (2012)'),
  sea('fujairah', 'mumbai', 'IMEWE (2010), FALCON (2006)'),
  sea('muscat', 'mumbai', 'AAE-1 (2017)'),
  sea('djibouti', 'colombo', 'SEA-ME-WE 5 (2016)'),
  land('mumbai', 'delhi', 'Mumbai - Delhi corridor'),
  land('mumbai', 'chennai', 'Mumbai - Bangalore - Chennai corridor'),
  land('delhi', 'chennai', 'Delhi - Hyderabad - Chennai corridor'),
  sea('mumbai', 'colombo', 'SEA-ME-WE 4 (2005)'),
  sea('colombo', 'singapore', 'SEA-ME-WE 4 (2005), SEA-ME-WE 5 (2016)'),
  sea('chennai', 'singapore', 'i2i (2002), TIC (2004), BBG (2016)'),
  // Africa
  sea('djibouti', 'mombasa', 'Seacom (2009), EASSy (2010)'),
  internetOnly(sea('mombasa', 'durban', 'Seacom (2009), EASSy (2010)')),
  internetOnly(sea('mombasa', 'mumbai', 'Seacom (2009)')),
  land('mombasa', 'nairobi', 'Mombasa - Nairobi'),
  land('durban', 'johannesburg', 'Durban - Johannesburg'),
  land('johannesburg', 'cape-town', 'Johannesburg - Cape Town'),
  sea('cape-town', 'lagos', 'WACS (2012), SAT-3 (2002), Equiano (2022)'),
  sea('lagos', 'lisbon', 'MainOne (2010), SAT-3 (2002), Equiano (2022)'),
  // Asia
  land('singapore', 'kuala-lumpur', 'Singapore - Kuala Lumpur'),
  land('kuala-lumpur', 'bangkok', 'Malaysia - Thailand'),
  internetOnly(land('bangkok', 'ho-chi-minh-city', 'Thailand - Cambodia - Vietnam')),
  land('ho-chi-minh-city', 'hanoi', 'Vietnam north - south'),
  internetOnly(land('hanoi', 'hong-kong', 'Vietnam - Guangzhou - Hong Kong')),
  land('hong-kong', 'shanghai', 'China coastal backbone'),
  land('shanghai', 'beijing', 'Shanghai - Beijing'),
  land('tokyo', 'osaka', 'Tokyo - Osaka'),
  land('seoul', 'busan', 'Seoul - Busan'),
  sea('singapore', 'jakarta', 'ASC (2018), INDIGO (2019)'),
  sea('singapore', 'hong-kong', 'APG (2016), SJC (2013), ASE (2012)'),
  sea('singapore', 'ho-chi-minh-city', 'AAG (2009), APG (2016)'),
  sea('ho-chi-minh-city', 'hong-kong', 'AAG (2009), APG (2016)'),
  sea('hong-kong', 'taipei', 'APG (2016), TPE (2008)'),
  sea('hong-kong', 'manila', 'SJC (2013), APCN-2 (2001)'),
  sea('hong-kong', 'tokyo', 'APG (2016), SJC (2013)'),
  sea('taipei', 'tokyo', 'APCN-2 (2001), FASTER (2016)'),
  sea('shanghai', 'tokyo', 'NCP (2018), APCN-2 (2001)'),
  sea('shanghai', 'busan', 'NCP (2018), TPE (2008)'),
  internetOnly(sea('busan', 'tokyo', 'NCP (2018), APCN-2 (2001)')),
  sea('busan', 'osaka', 'KJCN (2002)'),
  sea('manila', 'guam', 'SEA-US (2017), AAG (2009)'),
  sea('tokyo', 'guam', 'JGA-N (2020)'),
  sea('guam', 'honolulu', 'SEA-US (2017), AAG (2009)'),
  // Trans-Pacific
  sea('hillsboro', 'tokyo', 'FASTER (2016), NCP (2018)'),
  sea('los-angeles', 'tokyo', 'Jupiter (2020), Unity (2010)'),
  sea('los-angeles', 'taipei', 'PLCN (2022)'),
  sea('los-angeles', 'manila', 'PLCN (2022), Jupiter (2020)'),
  // Oceania
  sea('honolulu', 'sydney', 'Southern Cross (2000), Hawaiki (2018)'),
  sea('honolulu', 'auckland', 'Southern Cross (2000), Hawaiki (2018)'),
  sea('los-angeles', 'sydney', 'Southern Cross NEXT (2022)'),
  sea('guam', 'brisbane', 'JGA-S (2020)'),
  sea('sydney', 'auckland', 'Tasman Global Access (2017)'),
  sea('singapore', 'perth', 'INDIGO-West (2019), ASC (2018)'),
  sea('jakarta', 'perth', 'ASC (2018)'),
  sea('perth', 'sydney', 'INDIGO-Central (2019)'),
  land('sydney', 'brisbane', 'Sydney - Brisbane'),
  land('sydney', 'melbourne', 'Sydney - Melbourne'),
  land('melbourne', 'adelaide', 'Melbourne - Adelaide'),
  land('adelaide', 'perth', 'Nullarbor route'),
];
