"""Word lists for synthetic registry data. Each word carries its reading (katakana), so furigana and
romaji stay consistent; an English word, where given, is used instead of the romaji.

Every company and person name here is made up; ministries are real, municipalities come from the data.
"""

# fmt: off
Word = tuple[str, str, str]  # (written form, reading in katakana, English or "" for romaji)

# --- first part of a name: surnames, auspicious or nature words, regions, katakana words ---
SURNAMES: tuple[Word, ...] = (
    ("山田", "ヤマダ", ""), ("佐藤", "サトウ", ""), ("鈴木", "スズキ", ""), ("高橋", "タカハシ", ""),
    ("田中", "タナカ", ""), ("伊藤", "イトウ", ""), ("渡辺", "ワタナベ", ""), ("中村", "ナカムラ", ""),
    ("小林", "コバヤシ", ""), ("加藤", "カトウ", ""), ("吉田", "ヨシダ", ""), ("山本", "ヤマモト", ""),
    ("松本", "マツモト", ""), ("井上", "イノウエ", "Inoue"), ("木村", "キムラ", ""),
    ("清水", "シミズ", ""), ("山口", "ヤマグチ", ""), ("池田", "イケダ", ""), ("橋本", "ハシモト", ""),
    ("石川", "イシカワ", ""), ("前田", "マエダ", ""), ("藤田", "フジタ", ""), ("岡田", "オカダ", ""),
    ("後藤", "ゴトウ", ""), ("長谷川", "ハセガワ", ""), ("村上", "ムラカミ", ""), ("近藤", "コンドウ", ""),
    ("坂本", "サカモト", ""), ("遠藤", "エンドウ", ""), ("青木", "アオキ", ""), ("西村", "ニシムラ", ""),
    ("福田", "フクダ", ""), ("太田", "オオタ", ""), ("三浦", "ミウラ", ""), ("藤井", "フジイ", ""),
    ("岡本", "オカモト", ""), ("松田", "マツダ", ""), ("中島", "ナカジマ", ""), ("原田", "ハラダ", ""),
    ("小川", "オガワ", ""), ("中野", "ナカノ", ""), ("竹内", "タケウチ", ""), ("金子", "カネコ", ""),
    ("和田", "ワダ", ""), ("石井", "イシイ", ""), ("森田", "モリタ", ""), ("上田", "ウエダ", ""),
    ("菊地", "キクチ", ""), ("野村", "ノムラ", ""), ("丸山", "マルヤマ", ""),
)
AUSPICIOUS: tuple[Word, ...] = (
    ("桜", "サクラ", ""), ("富士", "フジ", ""), ("大和", "ヤマト", ""), ("日本", "ニホン", "Nihon"),
    ("東洋", "トウヨウ", ""), ("太平洋", "タイヘイヨウ", ""), ("北斗", "ホクト", ""), ("朝日", "アサヒ", ""),
    ("旭", "アサヒ", ""), ("若葉", "ワカバ", ""), ("青空", "アオゾラ", ""), ("光", "ヒカリ", ""),
    ("翼", "ツバサ", ""), ("緑", "ミドリ", ""), ("大地", "ダイチ", ""), ("未来", "ミライ", ""),
    ("銀河", "ギンガ", ""), ("飛鳥", "アスカ", ""), ("昭和", "ショウワ", ""), ("平成", "ヘイセイ", ""),
    ("新生", "シンセイ", ""), ("共栄", "キョウエイ", ""), ("協和", "キョウワ", ""), ("三光", "サンコウ", ""),
    ("大成", "タイセイ", ""), ("日進", "ニッシン", ""), ("東和", "トウワ", ""), ("三和", "サンワ", ""),
    ("第一", "ダイイチ", ""), ("中央", "チュウオウ", ""), ("丸高", "マルタカ", ""), ("白鳥", "ハクチョウ", ""),
)
REGIONS: tuple[Word, ...] = (
    ("東京", "トウキョウ", ""), ("大阪", "オオサカ", ""), ("名古屋", "ナゴヤ", ""), ("横浜", "ヨコハマ", ""),
    ("北海道", "ホッカイドウ", ""), ("九州", "キュウシュウ", ""), ("関西", "カンサイ", ""),
    ("関東", "カントウ", ""), ("東北", "トウホク", ""), ("中部", "チュウブ", ""), ("湘南", "ショウナン", ""),
    ("瀬戸内", "セトウチ", "Setouchi"), ("信州", "シンシュウ", ""), ("越後", "エチゴ", ""),
    ("加賀", "カガ", ""), ("土佐", "トサ", ""), ("三河", "ミカワ", ""), ("尾張", "オワリ", ""),
    ("武蔵", "ムサシ", ""), ("相模", "サガミ", ""), ("京浜", "ケイヒン", ""), ("阪神", "ハンシン", ""),
    ("北陸", "ホクリク", ""), ("山陽", "サンヨウ", ""), ("四国", "シコク", ""), ("琉球", "リュウキュウ", ""),
)
KATAKANA_HEADS: tuple[Word, ...] = (
    ("サンライズ", "サンライズ", "Sunrise"), ("グローバル", "グローバル", "Global"),
    ("ネクスト", "ネクスト", "Next"), ("アーク", "アーク", "Arc"), ("リンク", "リンク", "Link"),
    ("クレスト", "クレスト", "Crest"), ("ブライト", "ブライト", "Bright"), ("エコ", "エコ", "Eco"),
    ("スマイル", "スマイル", "Smile"), ("フロンティア", "フロンティア", "Frontier"),
    ("アクア", "アクア", "Aqua"), ("ルミナス", "ルミナス", "Luminous"), ("テラ", "テラ", "Terra"),
    ("プライム", "プライム", "Prime"), ("ハーモニー", "ハーモニー", "Harmony"),
    ("ユニバース", "ユニバース", "Universe"), ("アルファ", "アルファ", "Alpha"),
    ("ビジョン", "ビジョン", "Vision"), ("ドリーム", "ドリーム", "Dream"), ("ステラ", "ステラ", "Stella"),
    ("フォレスト", "フォレスト", "Forest"), ("グリーン", "グリーン", "Green"), ("コスモ", "コスモ", "Cosmo"),
    ("エース", "エース", "Ace"), ("トラスト", "トラスト", "Trust"), ("ユナイテッド", "ユナイテッド", "United"),
    ("パシフィック", "パシフィック", "Pacific"), ("オリエント", "オリエント", "Orient"),
)

# --- second part: what the business does ---
BUSINESS: tuple[Word, ...] = (
    ("商事", "ショウジ", "Trading"), ("工業", "コウギョウ", "Industries"),
    ("建設", "ケンセツ", "Construction"), ("不動産", "フドウサン", "Real Estate"),
    ("電機", "デンキ", "Electric"), ("食品", "ショクヒン", "Foods"), ("運輸", "ウンユ", "Transport"),
    ("製作所", "セイサクショ", ""), ("物産", "ブッサン", ""), ("産業", "サンギョウ", "Industries"),
    ("興業", "コウギョウ", ""), ("電設", "デンセツ", ""), ("設備", "セツビ", "Facilities"),
    ("印刷", "インサツ", "Printing"), ("精機", "セイキ", ""), ("化学", "カガク", "Chemical"),
    ("製薬", "セイヤク", "Pharmaceutical"), ("物流", "ブツリュウ", "Logistics"),
    ("企画", "キカク", "Planning"), ("技研", "ギケン", ""), ("工務店", "コウムテン", ""),
    ("商会", "ショウカイ", ""), ("商店", "ショウテン", ""), ("住宅", "ジュウタク", "Housing"),
    ("開発", "カイハツ", "Development"), ("観光", "カンコウ", "Tourism"), ("交通", "コウツウ", ""),
    ("農園", "ノウエン", "Farm"), ("酒造", "シュゾウ", "Brewery"), ("水産", "スイサン", "Fisheries"),
    ("薬局", "ヤッキョク", "Pharmacy"), ("電子", "デンシ", "Electronics"),
    ("通信", "ツウシン", "Communications"), ("製菓", "セイカ", "Confectionery"), ("塗装", "トソウ", ""),
    ("鉄工所", "テッコウショ", "Iron Works"), ("自動車", "ジドウシャ", "Motors"),
)
KATAKANA_BUSINESS: tuple[Word, ...] = (
    ("ホールディングス", "ホールディングス", "Holdings"), ("テクノロジーズ", "テクノロジーズ", "Technologies"),
    ("ソリューションズ", "ソリューションズ", "Solutions"), ("システムズ", "システムズ", "Systems"),
    ("コンサルティング", "コンサルティング", "Consulting"),
    ("エンジニアリング", "エンジニアリング", "Engineering"), ("デザイン", "デザイン", "Design"),
    ("サービス", "サービス", "Service"), ("トレーディング", "トレーディング", "Trading"),
    ("ラボ", "ラボ", "Lab"), ("ネットワークス", "ネットワークス", "Networks"),
    ("パートナーズ", "パートナーズ", "Partners"), ("マネジメント", "マネジメント", "Management"),
    ("メディカル", "メディカル", "Medical"), ("フーズ", "フーズ", "Foods"), ("ファーム", "ファーム", "Farm"),
    ("キャピタル", "キャピタル", "Capital"), ("クリエイト", "クリエイト", "Create"),
    ("ワークス", "ワークス", "Works"), ("エンタープライズ", "エンタープライズ", "Enterprise"),
    ("インターナショナル", "インターナショナル", "International"), ("ジャパン", "ジャパン", "Japan"),
)

# Legal forms of companies: (form, English suffixes, share of names with the form in front).
COMPANY_FORMS: dict[str, tuple[str, tuple[str, ...], float]] = {
    "301": ("株式会社", ("Co., Ltd.", "Inc.", "Corporation", "K.K."), 0.45),
    "302": ("有限会社", ("Co., Ltd.", "Y.K.", "Limited"), 0.7),
    "303": ("合名会社", ("Gomei Kaisha",), 0.5),
    "304": ("合資会社", ("Goshi Kaisha",), 0.5),
    "305": ("合同会社", ("G.K.", "LLC", "GK"), 0.75),
}

# --- other registered corporations (399) and other bodies (499) ---
TOPICS: tuple[Word, ...] = (
    ("観光", "カンコウ", "Tourism"), ("建築", "ケンチク", "Architecture"), ("環境", "カンキョウ", "Environment"),
    ("食文化", "ショクブンカ", "Food Culture"), ("地域振興", "チイキシンコウ", "Regional Development"),
    ("福祉", "フクシ", "Welfare"), ("国際交流", "コクサイコウリュウ", "International Exchange"),
    ("情報処理", "ジョウホウショリ", "Information Processing"), ("子育て支援", "コソダテシエン", "Child Care Support"),
    ("スポーツ", "スポーツ", "Sports"), ("音楽", "オンガク", "Music"), ("森林", "シンリン", "Forest"),
)
# (form in front, suffix words to choose from, English pattern); {core} is the English core.
ASSOCIATIONS: tuple[tuple[str, tuple[Word, ...], str, float], ...] = (
    ("一般社団法人", (("協会", "キョウカイ", "Association"), ("振興会", "シンコウカイ", "Promotion Association"),
                     ("研究会", "ケンキュウカイ", "Research Society"), ("連合会", "レンゴウカイ", "Federation"),
                     ("機構", "キコウ", "Organization")), "{core}", 25),
    ("一般財団法人", (("財団", "ザイダン", "Foundation"), ("協会", "キョウカイ", "Association"),
                     ("センター", "センター", "Center")), "{core}", 6),
    ("特定非営利活動法人", (("ネットワーク", "ネットワーク", "Network"), ("支援センター", "シエンセンター", "Support Center"),
                           ("の会", "ノカイ", "Society"), ("クラブ", "クラブ", "Club")), "NPO {core}", 14),
)
FOUNDATION_REGIONS: tuple[Word, ...] = (("日本", "ニホン", "Japan"), ("全国", "ゼンコク", "National"))
# Names of medical and welfare corporations (…会).
KAI_NAMES: tuple[Word, ...] = (
    ("緑風会", "リョクフウカイ", ""), ("清心会", "セイシンカイ", ""), ("健生会", "ケンセイカイ", ""),
    ("青葉会", "アオバカイ", ""), ("博愛会", "ハクアイカイ", ""), ("仁愛会", "ジンアイカイ", ""),
    ("康生会", "コウセイカイ", ""), ("慈光会", "ジコウカイ", ""), ("報徳会", "ホウトクカイ", ""),
    ("誠心会", "セイシンカイ", ""), ("和光会", "ワコウカイ", ""), ("松寿会", "ショウジュカイ", ""),
    ("恵愛会", "ケイアイカイ", ""), ("光風会", "コウフウカイ", ""), ("永寿会", "エイジュカイ", ""),
    ("明和会", "メイワカイ", ""), ("寿康会", "ジュコウカイ", ""), ("福寿会", "フクジュカイ", ""),
)
# (form in front, English pattern) for 医療法人, 社会福祉法人, 学校法人 and professional corporations.
KAI_FORMS: tuple[tuple[str, str], ...] = (
    ("医療法人社団", "Medical Corporation {core}"),
    ("医療法人", "Medical Corporation {core}"),
    ("社会福祉法人", "Social Welfare Corporation {core}"),
)
SCHOOL_SUFFIXES: tuple[Word, ...] = (("学園", "ガクエン", "Gakuen"), ("学院", "ガクイン", "Gakuin"))
PROFESSIONS: tuple[tuple[str, str], ...] = (
    ("税理士法人", "{core} Tax Accountant Corporation"),
    ("弁護士法人", "{core} Law Office"),
    ("司法書士法人", "{core} Judicial Scrivener Corporation"),
    ("行政書士法人", "{core} Administrative Scrivener Corporation"),
    ("監査法人", "{core} Audit Corporation"),
)
PROFESSION_SUFFIXES: tuple[Word, ...] = (
    ("", "", ""), ("総合事務所", "ソウゴウジムショ", "General Office"), ("アンドパートナーズ", "アンドパートナーズ", "& Partners"),
)
COOPERATIVES: tuple[Word, ...] = (
    ("事業協同組合", "ジギョウキョウドウクミアイ", "Business Cooperative"),
    ("農業協同組合", "ノウギョウキョウドウクミアイ", "Agricultural Cooperative"),
    ("漁業協同組合", "ギョギョウキョウドウクミアイ", "Fisheries Cooperative"),
    ("生活協同組合", "セイカツキョウドウクミアイ", "Consumers' Co-operative"),
    ("商店街振興組合", "ショウテンガイシンコウクミアイ", "Shopping Street Promotion Association"),
    ("信用金庫", "シンヨウキンコ", "Shinkin Bank"),
)
RELIGIOUS: tuple[Word, ...] = (
    ("光明寺", "コウミョウジ", "Komyoji Temple"), ("法泉寺", "ホウセンジ", "Hosenji Temple"),
    ("長福寺", "チョウフクジ", "Chofukuji Temple"), ("西光寺", "サイコウジ", "Saikoji Temple"),
    ("正覚寺", "ショウガクジ", "Shogakuji Temple"), ("常楽寺", "ジョウラクジ", "Jorakuji Temple"),
    ("八幡神社", "ハチマンジンジャ", "Hachiman Shrine"), ("稲荷神社", "イナリジンジャ", "Inari Shrine"),
    ("日吉神社", "ヒヨシジンジャ", "Hiyoshi Shrine"), ("熊野神社", "クマノジンジャ", "Kumano Shrine"),
    ("諏訪神社", "スワジンジャ", "Suwa Shrine"), ("天満宮", "テンマングウ", "Tenmangu Shrine"),
)
OTHER_BODIES: tuple[Word, ...] = (
    ("土地改良区", "トチカイリョウク", "Land Improvement District"),
    ("健康保険組合", "ケンコウホケンクミアイ", "Health Insurance Society"),
    ("自治会", "ジチカイ", "Residents' Association"), ("町内会", "チョウナイカイ", "Neighborhood Association"),
    ("共済組合", "キョウサイクミアイ", "Mutual Aid Association"), ("管理組合", "カンリクミアイ", "Owners' Association"),
)

# --- foreign companies (401): made-up names in katakana, joined with ・ ---
FOREIGN_HEADS: tuple[Word, ...] = (
    ("ノースウィンド", "ノースウィンド", "Northwind"), ("ブルーリッジ", "ブルーリッジ", "Blue Ridge"),
    ("グリーンフィールド", "グリーンフィールド", "Greenfield"), ("アクメ", "アクメ", "Acme"),
    ("スターライト", "スターライト", "Starlight"), ("メープルリーフ", "メープルリーフ", "Mapleleaf"),
    ("ハーバービュー", "ハーバービュー", "Harborview"), ("クリアウォーター", "クリアウォーター", "Clearwater"),
    ("ストーンブリッジ", "ストーンブリッジ", "Stonebridge"), ("オークヒル", "オークヒル", "Oakhill"),
    ("パインクレスト", "パインクレスト", "Pinecrest"), ("リバーサイド", "リバーサイド", "Riverside"),
    ("ウエストゲート", "ウエストゲート", "Westgate"), ("ヘリテージ", "ヘリテージ", "Heritage"),
    ("アトラス", "アトラス", "Atlas"), ("シルバーバーチ", "シルバーバーチ", "Silver Birch"),
)
FOREIGN_BUSINESS: tuple[Word, ...] = (
    ("テクノロジーズ", "テクノロジーズ", "Technologies"), ("システムズ", "システムズ", "Systems"),
    ("キャピタル", "キャピタル", "Capital"), ("トレーディング", "トレーディング", "Trading"),
    ("ファーマシューティカルズ", "ファーマシューティカルズ", "Pharmaceuticals"),
    ("ソフトウェア", "ソフトウェア", "Software"), ("インダストリーズ", "インダストリーズ", "Industries"),
    ("ロジスティクス", "ロジスティクス", "Logistics"), ("エナジー", "エナジー", "Energy"),
)
FOREIGN_FORMS: tuple[tuple[str, str], ...] = (
    ("インコーポレイテッド", "Inc."), ("コーポレーション", "Corporation"), ("リミテッド", "Limited"),
    ("エルエルシー", "LLC"), ("ゲーエムベーハー", "GmbH"), ("エス・エー", "S.A."), ("ビー・ヴィ", "B.V."),
    ("ピーティーイー・リミテッド", "Pte. Ltd."), ("カンパニー・リミテッド", "Co., Limited"),
)

# --- national agencies (国の機関): real names, made-up numbers except the two known ones ---
NATIONAL_AGENCIES: tuple[tuple[str, str, str, str], ...] = (
    ("国税庁", "コクゼイチョウ", "National Tax Agency", "000012050002"),
    ("経済産業省", "ケイザイサンギョウショウ", "Ministry of Economy, Trade and Industry", "000012090001"),
    ("衆議院", "シュウギイン", "House of Representatives", ""), ("参議院", "サンギイン", "House of Councillors", ""),
    ("最高裁判所", "サイコウサイバンショ", "Supreme Court of Japan", ""),
    ("会計検査院", "カイケイケンサイン", "Board of Audit of Japan", ""),
    ("内閣官房", "ナイカクカンボウ", "Cabinet Secretariat", ""), ("内閣府", "ナイカクフ", "Cabinet Office", ""),
    ("デジタル庁", "デジタルチョウ", "Digital Agency", ""),
    ("総務省", "ソウムショウ", "Ministry of Internal Affairs and Communications", ""),
    ("法務省", "ホウムショウ", "Ministry of Justice", ""), ("外務省", "ガイムショウ", "Ministry of Foreign Affairs", ""),
    ("財務省", "ザイムショウ", "Ministry of Finance", ""),
    ("文部科学省", "モンブカガクショウ", "Ministry of Education, Culture, Sports, Science and Technology", ""),
    ("厚生労働省", "コウセイロウドウショウ", "Ministry of Health, Labour and Welfare", ""),
    ("農林水産省", "ノウリンスイサンショウ", "Ministry of Agriculture, Forestry and Fisheries", ""),
    ("国土交通省", "コクドコウツウショウ", "Ministry of Land, Infrastructure, Transport and Tourism", ""),
    ("環境省", "カンキョウショウ", "Ministry of the Environment", ""), ("防衛省", "ボウエイショウ", "Ministry of Defense", ""),
    ("警察庁", "ケイサツチョウ", "National Police Agency", ""), ("金融庁", "キンユウチョウ", "Financial Services Agency", ""),
    ("消費者庁", "ショウヒシャチョウ", "Consumer Affairs Agency", ""), ("復興庁", "フッコウチョウ", "Reconstruction Agency", ""),
    ("気象庁", "キショウチョウ", "Japan Meteorological Agency", ""), ("特許庁", "トッキョチョウ", "Japan Patent Office", ""),
    ("中小企業庁", "チュウショウキギョウチョウ", "Small and Medium Enterprise Agency", ""),
    ("観光庁", "カンコウチョウ", "Japan Tourism Agency", ""), ("文化庁", "ブンカチョウ", "Agency for Cultural Affairs", ""),
)
PREFECTURE_GOVERNMENT_EN = {"01": "Hokkaido Government", "13": "Tokyo Metropolitan Government"}

# --- addresses ---
TOWNS: tuple[Word, ...] = (
    ("本町", "ホンマチ", ""), ("中央", "チュウオウ", ""), ("栄町", "サカエマチ", ""), ("緑町", "ミドリチョウ", ""),
    ("旭町", "アサヒマチ", ""), ("東町", "ヒガシマチ", ""), ("西町", "ニシマチ", ""), ("南町", "ミナミマチ", ""),
    ("北町", "キタマチ", ""), ("駅前", "エキマエ", ""), ("新町", "シンマチ", ""), ("桜木町", "サクラギチョウ", ""),
    ("若葉", "ワカバ", ""), ("青葉", "アオバ", ""), ("昭和町", "ショウワチョウ", ""), ("大手町", "オオテマチ", ""),
    ("元町", "モトマチ", ""), ("港町", "ミナトマチ", ""), ("松原", "マツバラ", ""), ("高田", "タカダ", ""),
    ("日吉町", "ヒヨシチョウ", ""), ("錦町", "ニシキチョウ", ""), ("幸町", "サイワイチョウ", ""), ("宮前", "ミヤマエ", ""),
    ("城東", "ジョウトウ", ""), ("住吉", "スミヨシ", ""), ("泉町", "イズミチョウ", ""), ("末広町", "スエヒロチョウ", ""),
    ("寿町", "コトブキチョウ", ""), ("春日", "カスガ", ""), ("千歳町", "チトセチョウ", ""), ("弥生町", "ヤヨイチョウ", ""),
    ("曙町", "アケボノチョウ", ""), ("常盤町", "トキワチョウ", ""), ("天神", "テンジン", ""), ("美園", "ミソノ", ""),
    ("桜ケ丘", "サクラガオカ", ""), ("富士見", "フジミ", ""), ("本郷", "ホンゴウ", ""), ("東雲", "シノノメ", ""),
)
VILLAGES: tuple[Word, ...] = (
    ("山田", "ヤマダ", ""), ("中山", "ナカヤマ", ""), ("上野", "ウエノ", ""), ("下田", "シモダ", ""), ("大島", "オオシマ", ""),
    ("小松", "コマツ", ""), ("岩崎", "イワサキ", ""), ("川口", "カワグチ", ""), ("長沢", "ナガサワ", ""), ("高野", "タカノ", ""),
    ("新田", "シンデン", ""), ("原", "ハラ", ""), ("堀之内", "ホリノウチ", "Horinouchi"), ("横山", "ヨコヤマ", ""), ("大久保", "オオクボ", ""),
    ("宮下", "ミヤシタ", ""), ("平野", "ヒラノ", ""), ("三島", "ミシマ", ""), ("菅原", "スガワラ", ""), ("石田", "イシダ", ""),
)
ABROAD: tuple[tuple[str, str], ...] = (
    ("アメリカ合衆国カリフォルニア州サンノゼ市", "San Jose, California, U.S.A."),
    ("アメリカ合衆国デラウェア州ウィルミントン市", "Wilmington, Delaware, U.S.A."),
    ("アメリカ合衆国ニューヨーク州ニューヨーク市", "New York, New York, U.S.A."),
    ("英国ロンドン市", "London, United Kingdom"),
    ("シンガポール共和国", "Singapore"),
    ("ドイツ連邦共和国フランクフルト市", "Frankfurt am Main, Germany"),
    ("中華人民共和国香港特別行政区", "Hong Kong, China"),
    ("大韓民国ソウル特別市", "Seoul, Republic of Korea"),
    ("オランダ王国アムステルダム市", "Amsterdam, the Netherlands"),
    ("オーストラリア連邦ニューサウスウェールズ州シドニー市", "Sydney, New South Wales, Australia"),
)
ABROAD_STREETS: tuple[tuple[str, str], ...] = (
    ("メインストリート", "Main Street"), ("パークアベニュー", "Park Avenue"),
    ("マーケットストリート", "Market Street"), ("ハイストリート", "High Street"),
    ("ハーバーロード", "Harbour Road"), ("リバーサイドドライブ", "Riverside Drive"),
)

# Rough share of corporations per prefecture (percent); the rest get 0.8 each.
PREFECTURE_SHARES: dict[str, float] = {
    "13": 17.0, "27": 8.0, "14": 6.0, "23": 5.5, "11": 4.0, "40": 4.0, "01": 4.0, "28": 3.5,
    "12": 3.3, "22": 2.6, "34": 2.0, "26": 2.0, "08": 1.9, "04": 1.6, "15": 1.6, "20": 1.6,
    "21": 1.4, "10": 1.4, "09": 1.3, "33": 1.3,
}
# Relative size of a municipality by the last character of its name.
CITY_WEIGHTS: dict[str, float] = {"区": 5.0, "市": 3.0, "町": 1.0, "村": 0.3}
# The first three digits of post codes per prefecture (inclusive ranges).
POST_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "01": ((1, 7), (40, 99)), "02": ((30, 39),), "03": ((20, 29),), "04": ((980, 989),),
    "05": ((10, 19),), "06": ((990, 999),), "07": ((960, 979),), "08": ((300, 319),),
    "09": ((320, 329),), "10": ((370, 379),), "11": ((330, 369),), "12": ((260, 299),),
    "13": ((100, 208),), "14": ((210, 259),), "15": ((940, 959),), "16": ((930, 939),),
    "17": ((920, 929),), "18": ((910, 919),), "19": ((400, 409),), "20": ((380, 399),),
    "21": ((500, 509),), "22": ((410, 439),), "23": ((440, 499),), "24": ((510, 519),),
    "25": ((520, 529),), "26": ((600, 629),), "27": ((530, 599),), "28": ((650, 679),),
    "29": ((630, 639),), "30": ((640, 649),), "31": ((680, 689),), "32": ((690, 699),),
    "33": ((700, 719),), "34": ((720, 739),), "35": ((740, 759),), "36": ((770, 779),),
    "37": ((760, 769),), "38": ((790, 799),), "39": ((780, 789),), "40": ((800, 839),),
    "41": ((840, 849),), "42": ((850, 859),), "43": ((860, 869),), "44": ((870, 879),),
    "45": ((880, 889),), "46": ((890, 899),), "47": ((900, 909),),
}
# fmt: on
