"""Site chrome wording in German and Chinese (see chrome.py): the consent dialogs and, per site,
the mega menu, sidebar boxes, sitemap footer and legal small print. All of it is our own text."""

from __future__ import annotations

from typing import Any

CONSENT_DE: dict[str, Any] = dict(
    title="Ihre Privatsphäre ist uns wichtig",
    text=(
        "Wir und unsere 214 Partner speichern Informationen auf Ihrem Gerät und greifen darauf "
        "zu, zum Beispiel auf Cookies und eindeutige Kennungen, und verarbeiten personenbezogene "
        "Daten wie Ihre IP-Adresse und Ihr Nutzungsverhalten. Damit zeigen wir Ihnen "
        "personalisierte Werbung und Inhalte, messen deren Wirkung, gewinnen Erkenntnisse über "
        "unser Publikum und entwickeln unsere Angebote weiter.",
        "Einige Partner verarbeiten Ihre Daten auf Grundlage eines berechtigten Interesses. Dem "
        "können Sie über Einstellungen widersprechen. Ihre Einwilligung können Sie jederzeit über "
        "den Link Datenschutz-Einstellungen am Ende jeder Seite ändern oder widerrufen. Ihre "
        "Auswahl gilt nur für diese Website und wird dreizehn Monate lang gespeichert.",
    ),
    purposes=(
        (
            "Technisch notwendige Cookies",
            "Sie sorgen für die Sicherheit der Website, speichern Ihre Datenschutz-Auswahl und "
            "verteilen die Last auf unsere Server. Ohne sie funktioniert die Seite nicht, daher "
            "lassen sie sich nicht abschalten.",
        ),
        (
            "Informationen auf einem Gerät speichern und abrufen",
            "Cookies, Gerätekennungen und ähnliche Techniken können auf Ihrem Gerät gespeichert "
            "oder ausgelesen werden, etwa um es bei jedem Besuch wiederzuerkennen.",
        ),
        (
            "Begrenzte Daten zur Auswahl von Werbung nutzen",
            "Werbung kann anhand weniger Angaben ausgewählt werden, etwa der gelesenen Seite, "
            "Ihres ungefähren Standorts, Ihres Gerätetyps und der Zahl, wie oft Sie eine Anzeige "
            "schon gesehen haben.",
        ),
        (
            "Profile für personalisierte Werbung erstellen",
            "Angaben über Ihre Aktivitäten auf dieser und anderen Websites, etwa gelesene Seiten "
            "und abgeschickte Formulare, können zu einem Profil Ihrer Interessen zusammengeführt "
            "werden.",
        ),
        (
            "Profile zur Auswahl personalisierter Werbung nutzen",
            "Anzeigen können auf Grundlage eines Interessenprofils ausgewählt werden, damit Sie "
            "Werbung für Dinge sehen, die Sie eher interessieren.",
        ),
        (
            "Leistung von Werbung und Inhalten messen",
            "Welche Anzeigen und Artikel Sie sehen und wie Sie damit umgehen, kann ausgewertet "
            "werden, um deren Wirkung zu bestimmen und Besuche zu zählen.",
        ),
        (
            "Zielgruppen durch Statistiken verstehen",
            "Aus Ihren Aktivitäten und denen anderer Leserinnen und Leser können Berichte "
            "erstellt werden, etwa darüber, welche Lesergruppen sich für ein Thema interessieren.",
        ),
        (
            "Angebote entwickeln und verbessern",
            "Angaben zur Nutzung der Website helfen uns, Fehler zu beheben, neue Funktionen zu "
            "testen und bessere Seiten und Produkte zu gestalten.",
        ),
        (
            "Genaue Standortdaten verwenden",
            "Mit Ihrer Erlaubnis kann Ihr genauer Standort, auf wenige hundert Meter genau, "
            "genutzt werden, um Ihnen Nachrichten, Wetter und Angebote aus der Nähe zu zeigen.",
        ),
    ),
    partners_title="Unsere Partner",
    buttons=("Alle akzeptieren", "Alle ablehnen", "Einstellungen"),
)

CONSENT_ZH: dict[str, Any] = dict(
    title="我们重视您的隐私",
    text=(
        "我们及我们的二百一十四家合作伙伴会在您的设备上存储和读取信息，例如网络缓存文件和设备识别码，"
        "并处理您的网络地址、浏览记录等个人信息，用于向您展示个性化的广告和内容、评估广告和内容的效果、"
        "了解读者构成，以及开发和改进我们的服务。",
        "部分合作伙伴基于合法利益处理您的数据，您可以通过“管理选项”提出反对。您可以随时通过每个页面底部的"
        "“隐私设置”链接更改或撤回您的同意。您的选择仅适用于本网站，保存期限为十三个月。",
    ),
    purposes=(
        (
            "必要的网络缓存文件",
            "用于保障网站安全、记住您的隐私选择并在服务器之间分配访问压力。没有它们网站无法正常运行，"
            "因此无法关闭。",
        ),
        (
            "在设备上存储和读取信息",
            "网络缓存文件、设备识别码等技术可能被存储在您的设备上或从中读取，例如在您每次访问时识别您的设备。",
        ),
        (
            "使用有限的数据选择广告",
            "广告可能根据有限的信息进行选择，例如您正在阅读的页面、大致位置、设备类型以及您看过某条广告的次数。",
        ),
        (
            "建立个性化广告画像",
            "您在本网站和其他网站上的活动信息，例如阅读过的页面和提交过的表单，可能被汇总成反映您兴趣的画像。",
        ),
        (
            "根据画像选择个性化广告",
            "系统可能根据您的兴趣画像为您挑选广告，让您看到更可能感兴趣的商品和服务。",
        ),
        (
            "评估广告和内容的效果",
            "您看到了哪些广告和文章以及如何与之互动，可能被用来评估其效果并统计访问人数。",
        ),
        (
            "通过统计了解读者",
            "您的活动数据可能与其他读者的数据合并生成报告，例如了解哪些读者群体关注某个话题。",
        ),
        (
            "开发和改进服务",
            "有关您如何使用本网站的信息可以帮助我们修复问题、测试新功能，并设计更好的页面和产品。",
        ),
        (
            "使用精确的地理位置数据",
            "经您许可，我们可能使用精确到数百米范围内的位置信息，为您推送附近的新闻、天气和优惠信息。",
        ),
    ),
    partners_title="我们的合作伙伴",
    buttons=("全部接受", "全部拒绝", "管理选项"),
)

RHEINTAL: dict[str, Any] = dict(
    popular="Heute meistgelesen",
    menu=(
        (
            "Region",
            (
                "Kellbach",
                "Wiesenau",
                "Oberhorn",
                "Lindenhardt",
                "Talmühle",
                "Rheinwiesen",
                "Bergheim",
                "Auenstein",
            ),
        ),
        ("Politik", ("Kommunalpolitik", "Land", "Bund", "Europa", "Wahlen")),
        (
            "Wirtschaft",
            ("Unternehmen", "Arbeit", "Handwerk", "Landwirtschaft", "Verbraucher", "Geld"),
        ),
        ("Wissenschaft", ("Umwelt", "Gesundheit", "Technik", "Natur", "Klima")),
        ("Meinung", ("Kommentare", "Leitartikel", "Leserbriefe", "Karikatur")),
        (
            "Sport",
            ("Fußball", "Handball", "Radsport", "Rudern", "Leichtathletik", "Vereinssport"),
        ),
        ("Kultur", ("Theater", "Musik", "Kino", "Bücher", "Ausstellungen", "Feste")),
        ("Haus & Garten", ("Garten", "Wohnen", "Bauen", "Energie sparen", "Rezepte")),
        ("Verkehr", ("Baustellen", "Bus und Bahn", "Fähren", "Radwege", "Blitzer")),
        ("Service", ("Wetter", "Pegelstände", "Apotheken-Notdienst", "Veranstaltungen")),
    ),
    boxes=(
        (
            "read-more",
            "Weitere Top-Nachrichten",
            (
                (
                    "Gemeinderat Kellbach beschließt neues Baugebiet am Südhang",
                    "Auf dem Gelände sollen bis 2029 rund sechzig Wohnungen entstehen.",
                ),
                (
                    "Weinlese beginnt zwei Wochen früher als üblich",
                    "Die Winzer erwarten einen kleinen, aber sehr guten Jahrgang.",
                ),
                (
                    "Kreisklinikum eröffnet neue Kinderstation",
                    "Zwanzig Betten und ein Spielzimmer mit Blick auf den Rhein.",
                ),
                (
                    "Hochwasserschutz: Deich bei Auenstein wird erhöht",
                    "Die Arbeiten dauern bis zum Frühjahr, der Radweg bleibt gesperrt.",
                ),
                (
                    "Buslinie 612 fährt künftig auch sonntags",
                    "Der Kreistag hat die Finanzierung für zwei Jahre gesichert.",
                ),
                (
                    "Traditionsbäckerei in Wiesenau schließt nach 110 Jahren",
                    "Für den Betrieb hat sich kein Nachfolger gefunden.",
                ),
                (
                    "Schwimmverein feiert drei Landesmeistertitel",
                    "Die Jugendmannschaft setzte sich in allen Staffeln durch.",
                ),
                (
                    "Neue Ladesäulen am Bahnhof Oberhorn in Betrieb",
                    "Pendler können ihr Auto während der Arbeit aufladen.",
                ),
                (
                    "Grundsteuer: Was sich für Hausbesitzer ändert",
                    "Viele Gemeinden passen ihre Hebesätze zum Jahreswechsel an.",
                ),
                (
                    "Rheinfähre Bergheim bekommt einen neuen Motor",
                    "Während der Werftzeit setzt ein Ersatzschiff über.",
                ),
                (
                    "Landfrauen sammeln Spenden für die Tafel",
                    "Beim Erntedankmarkt kamen über viertausend Euro zusammen.",
                ),
                (
                    "Kita-Plätze bleiben knapp im ganzen Landkreis",
                    "Eltern müssen teils mehr als ein Jahr auf einen Platz warten.",
                ),
                (
                    "Polizei warnt vor falschen Handwerkern",
                    "Die Betrüger geben sich als Mitarbeiter der Stadtwerke aus.",
                ),
                (
                    "Stadtbücherei verlängert die Öffnungszeiten am Samstag",
                    "Ab dem kommenden Monat ist bis sechzehn Uhr geöffnet.",
                ),
            ),
        ),
        (
            "read-more",
            "Empfehlungen der Redaktion",
            (
                (
                    "Der letzte Fährmann vom Mittelrhein",
                    "Seit vierzig Jahren bringt er Menschen von einem Ufer zum anderen.",
                ),
                (
                    "Ein Tag im Stellwerk",
                    "Wo noch Hebel umgelegt werden, damit die Züge fahren.",
                ),
                (
                    "Wie ein Dorf seinen Laden rettete",
                    "Hundert Genossen, ein Ehrenamt und viel Kuchen.",
                ),
                (
                    "Die Rückkehr der Lachse",
                    "Biologen zählen wieder mehr Fische in den Nebenflüssen.",
                ),
                (
                    "Weinberge im Klimawandel",
                    "Welche Rebsorten am Rhein künftig eine Zukunft haben.",
                ),
            ),
        ),
        (
            "newsletter",
            "Unsere Newsletter",
            (
                ("Der Morgen im Rheintal", "Die wichtigsten Nachrichten werktags um sechs Uhr."),
                ("Region kompakt", "Jeden Donnerstag das Wichtigste aus Ihrer Gemeinde."),
                ("Wochenende", "Ausflüge, Feste und Veranstaltungen in der Region."),
                ("Sport am Montag", "Ergebnisse und Tabellen aus dem Vereinssport."),
            ),
        ),
        (
            "ads",
            "Rheintal-Bote unterstützen",
            (
                (
                    "Digital-Abo für 1 Euro im ersten Monat",
                    "Alle Artikel, das E-Paper und weniger Werbung. Jederzeit kündbar.",
                ),
                ("Abo verschenken", "Drei Monate Lokaljournalismus für Freunde und Familie."),
                ("App herunterladen", "Eilmeldungen direkt auf Ihr Smartphone."),
            ),
        ),
    ),
    columns=(
        (
            "Lokalausgaben",
            (
                "Kellbach",
                "Wiesenau",
                "Oberhorn",
                "Lindenhardt",
                "Bergheim",
                "Auenstein",
                "Rheinwiesen",
                "Talmühle",
                "Niederau",
                "Obersteeg",
            ),
        ),
        (
            "Gemeinden",
            (
                "Altenbrück",
                "Birkenfeld am Rhein",
                "Dornhagen",
                "Eichwald",
                "Felsheim",
                "Gründau",
                "Hasselbach",
                "Kirchweiler",
                "Langenau",
                "Mühlbach",
                "Neudorf",
                "Rosental",
                "Sankt Goarshof",
                "Steinbach",
                "Uferbach",
                "Waldheim",
                "Weinsberg am Rhein",
                "Zellerau",
            ),
        ),
        (
            "Service",
            (
                "Abo-Service",
                "E-Paper",
                "Zeitung zustellen lassen",
                "Urlaubsservice",
                "Newsletter",
                "Apps",
                "Traueranzeigen",
                "Familienanzeigen",
                "Stellenmarkt",
                "Immobilien",
                "Veranstaltungskalender",
                "Leserreisen",
                "Gewinnspiele",
                "Archiv",
            ),
        ),
        (
            "Über uns",
            (
                "Impressum",
                "Redaktion",
                "Kontakt",
                "Leserbeirat",
                "Korrekturen",
                "Karriere",
                "Ausbildung und Volontariat",
                "Mediadaten",
                "Anzeigen aufgeben",
                "Barrierefreiheit",
            ),
        ),
        (
            "Themen von A bis Z",
            (
                "Abfallkalender",
                "Bürgerhaushalt",
                "Deichbau",
                "Ehrenamt",
                "Energiepreise",
                "Fährverbindungen",
                "Grundsteuer",
                "Hochwasser",
                "Kita-Plätze",
                "Landratswahl",
                "Mietspiegel",
                "Nahverkehr",
                "Pflege",
                "Radwege",
                "Schulen",
                "Tourismus",
                "Weinbau",
                "Windkraft",
            ),
        ),
        (
            "Folgen Sie uns",
            ("Facebook", "Instagram", "WhatsApp-Kanal", "YouTube", "Mastodon", "RSS"),
        ),
    ),
    legal=(
        "Rheintal-Bote ist ein Angebot der Rheintal Medien GmbH & Co. KG, Hafenstraße 12, "
        "55411 Kellbach. Registergericht Amtsgericht Kellbach, HRA 4512. Geschäftsführung: "
        "Carola Weißhaupt. Umsatzsteuer-Identifikationsnummer DE 812 345 678.",
        "Verantwortlich für den redaktionellen Inhalt nach dem Medienstaatsvertrag: "
        "Chefredakteur Martin Lehnert, Anschrift wie oben. Die Redaktion arbeitet nach den "
        "Grundsätzen des Pressekodex des Deutschen Presserats.",
        "Alle Inhalte dieses Angebots sind urheberrechtlich geschützt. Jede Verwertung außerhalb "
        "der Grenzen des Urheberrechts bedarf unserer schriftlichen Zustimmung. Die Nutzung "
        "unserer Inhalte für Text- und Data-Mining behalten wir uns ausdrücklich vor.",
        "Für Inhalte externer Links übernehmen wir keine Haftung. Für den Inhalt verlinkter "
        "Seiten sind ausschließlich deren Betreiber verantwortlich.",
        "Datenschutz · Cookie-Richtlinie · Datenschutz-Einstellungen · AGB · Widerrufsbelehrung",
    ),
)

BACKSTUBE: dict[str, Any] = dict(
    popular="Beliebte Themen",
    menu=(
        (
            "Foren",
            (
                "Neue Beiträge",
                "Brot backen",
                "Sauerteig",
                "Kuchen & Torten",
                "Kleingebäck",
                "Glutenfrei backen",
                "Geräte",
                "Mühlen und Getreide",
                "Rezepte von Mitgliedern",
                "Plauderecke",
            ),
        ),
        ("Neues", ("Neue Beiträge", "Neue Medien", "Neue Profilnachrichten", "Letzte Aktivität")),
        ("Medien", ("Brotfotos", "Krumenbilder", "Videos")),
        ("Mitglieder", ("Mitgliederliste", "Derzeit aktive Besucher", "Team")),
        ("Hilfe", ("Forenregeln", "Häufige Fragen", "Smilies", "Auszeichnungen")),
    ),
    boxes=(
        (
            "navigation",
            "Forenübersicht",
            (
                ("Brot backen", "Weizen, Roggen, Dinkel: alles rund ums Brot aus dem Ofen."),
                ("Sauerteig", "Ansetzen, pflegen, retten. Hier helfen erfahrene Mitglieder."),
                ("Kuchen & Torten", "Vom Blechkuchen bis zur Hochzeitstorte."),
                ("Kleingebäck", "Brötchen, Brezeln, Croissants und Plätzchen."),
                ("Glutenfrei backen", "Rezepte und Erfahrungen ohne Gluten."),
                ("Geräte", "Öfen, Backsteine, Knetmaschinen und Gärkörbe."),
                ("Mühlen und Getreide", "Selbst mahlen, Mehltypen und Bezugsquellen."),
                ("Plauderecke", "Alles, was nicht ins Backen passt."),
            ),
        ),
        (
            "legal-notice",
            "Forenregeln",
            (
                (
                    "Freundlich bleiben.",
                    "Wir duzen uns und gehen respektvoll miteinander um. Beleidigungen und "
                    "Provokationen werden entfernt.",
                ),
                (
                    "Erst suchen, dann fragen.",
                    "Viele Fragen wurden schon beantwortet. Nutzt die Suche und antwortet lieber "
                    "in einem bestehenden Thema.",
                ),
                (
                    "Rezepte vollständig angeben.",
                    "Nennt Mehlsorten, Mengen, Wassertemperatur, Gare und Backzeit. Fotos von "
                    "Krume und Kruste helfen bei der Fehlersuche.",
                ),
                (
                    "Keine Werbung.",
                    "Gewerbliche Angebote nur nach Absprache mit dem Team. Empfehlungs-Links und "
                    "Rabattcodes sind nicht erlaubt.",
                ),
                (
                    "Urheberrecht beachten.",
                    "Rezepte aus Büchern bitte nicht abschreiben, sondern mit eigenen Worten "
                    "beschreiben und die Quelle nennen.",
                ),
                (
                    "Ein Konto pro Person.",
                    "Doppelte Konten werden ohne Vorwarnung gesperrt.",
                ),
                (
                    "Bilder nur mit Erlaubnis.",
                    "Ladet nur Fotos hoch, die ihr selbst gemacht habt oder verwenden dürft. "
                    "Personen auf Fotos müssen einverstanden sein.",
                ),
                (
                    "Gesundheitsfragen.",
                    "Bei Unverträglichkeiten und Allergien ersetzen Tipps aus dem Forum keinen "
                    "ärztlichen Rat.",
                ),
                (
                    "Melden statt streiten.",
                    "Verstößt ein Beitrag gegen die Regeln, nutzt die Melden-Funktion. Die "
                    "Entscheidungen des Teams sind endgültig.",
                ),
            ),
        ),
        (
            "navigation",
            "Mitglieder online",
            (
                (
                    "krume_und_kruste, ofenfrisch_anne, roggenrolf, dinkelliese, teigling, "
                    "backstein_bernd, lievito_lena, krustenkaiser, sauerteig_susi, "
                    "mehlstaub, gärkorb_gabi, brotzeit_hans, hefezopf_heike, ofenwolf, "
                    "weizenwilli, knethaken, ruhezeit, anstellgut_alex, brösel, "
                    "backstubenkatze, schwarzbrot_sepp, vollkorn_vroni, laugen_lutz, "
                    "franzbrötchen_fiete, mohnschnecke, kastenform_karl, emmer_emma, "
                    "pumpernickel_paul, zwetschgen_zoe, rührteig_ruth, backferment, "
                    "nussecke_nina, baguette_ben, sesamkruste",
                    "",
                ),
                ("Insgesamt: 301 (Mitglieder: 34, Gäste: 267)", ""),
            ),
        ),
        (
            "navigation",
            "Forenstatistik",
            (
                ("Themen: 31.408", ""),
                ("Beiträge: 612.977", ""),
                ("Mitglieder: 18.215", ""),
                ("Neuestes Mitglied: vollkorn_vroni", ""),
            ),
        ),
        (
            "read-more",
            "Neueste Beiträge",
            (
                ("Roggenbrot reißt seitlich auf", "Neuester: roggenrolf · Heute um 09:41"),
                ("Welche Mühle für Dinkel?", "Neuester: dinkelliese · Heute um 08:15"),
                ("Lievito madre im Urlaub füttern", "Neuester: lievito_lena · Gestern um 22:10"),
                ("Brötchen werden nicht knusprig", "Neuester: teigling · Gestern um 20:48"),
                ("Zeigt eure Sonntagsbrote", "Neuester: brotzeit_hans · Gestern um 19:30"),
                ("Gärkorb reinigen, aber wie?", "Neuester: gärkorb_gabi · Gestern um 17:02"),
                ("Stollen schon im Oktober backen?", "Neuester: hefezopf_heike · Samstag"),
                ("Brezeln ohne Natronlauge?", "Neuester: laugen_lutz · Samstag"),
                ("Emmer und Einkorn im Vergleich", "Neuester: emmer_emma · Freitag"),
                ("Pumpernickel im Dampfgarer", "Neuester: pumpernickel_paul · Freitag"),
            ),
        ),
        (
            "read-more",
            "Beliebte Inhalte",
            (
                (
                    "Der große Sauerteig-Leitfaden für Einsteiger",
                    "Vom ersten Ansatz bis zum ersten Brot, Schritt für Schritt.",
                ),
                (
                    "Backofen-Vergleich: Welcher Ofen backt das beste Brot?",
                    "Erfahrungen von über zweihundert Mitgliedern.",
                ),
                (
                    "Mehltypen verständlich erklärt",
                    "Was die Zahlen auf der Packung bedeuten.",
                ),
                (
                    "Fotothema: Eure schönsten Krumen",
                    "Mehr als tausend Bilder von offenen Porungen.",
                ),
                (
                    "Anstellgut einfrieren oder trocknen?",
                    "Was nach drei Wochen Urlaub noch funktioniert.",
                ),
                (
                    "Die besten Rezepte für Weihnachtsplätzchen",
                    "Gesammelt und nachgebacken von der Gemeinschaft.",
                ),
            ),
        ),
        (
            "comments",
            "Neueste Profilnachrichten",
            (
                ("roggenrolf", "Heute das erste Mal mit selbst gemahlenem Roggen gebacken."),
                ("dinkelliese", "Wer kommt zum Stammtisch nach Kassel im November?"),
                ("ofenwolf", "Neuer Backofen ist da, jetzt wird getestet."),
                ("lievito_lena", "Meine Madre hat den Urlaub überlebt!"),
                ("brotzeit_hans", "Danke für die vielen Tipps zum Schwarzbrot."),
                ("hefezopf_heike", "Die Hefezopf-Challenge läuft noch bis Sonntag."),
            ),
        ),
        (
            "ads",
            "Unterstützer des Forums",
            (
                ("Mühle Haberkorn", "Frisch gemahlenes Mehl aus der Region, auch im Versand."),
                ("Gärkorbmanufaktur Weide", "Handgeflochtene Gärkörbe aus Peddigrohr."),
            ),
        ),
    ),
    columns=(
        (
            "Backstuben-Forum",
            ("Kontakt", "Nutzungsbedingungen", "Datenschutz", "Cookie-Einstellungen", "Hilfe"),
        ),
        (
            "Gemeinschaft",
            ("Forenregeln", "Das Team", "Spenden", "Stammtische", "Backkurse der Mitglieder"),
        ),
    ),
    legal=(
        "Das Backstuben-Forum wird ehrenamtlich betrieben. Beiträge geben die Meinung ihrer "
        "Verfasser wieder, nicht die des Forums oder des Teams. Für die Richtigkeit von Rezepten "
        "und Ratschlägen übernehmen wir keine Gewähr.",
        "Betreiber: Verein der Freunde des Hausbackens e. V., Mühlweg 3, 34117 Kassel. "
        "Vereinsregister Amtsgericht Kassel, VR 2209. Vertreten durch den Vorstand.",
        "Mit dem Absenden eines Beitrags räumen Sie dem Forum das Recht ein, ihn dauerhaft zu "
        "veröffentlichen. Persönliche Daten anderer Personen dürfen nicht veröffentlicht werden.",
        "Werbung im Forum finanziert Server und Software. Unterstützer-Einträge sind als "
        "solche gekennzeichnet und werden vom Team geprüft.",
        "Forensoftware und Inhalte © 2011–2026 Backstuben-Forum.",
    ),
)

LANJIANG: dict[str, Any] = dict(
    popular="今日热读",
    menu=(
        ("本地", ("县城", "白沙渡镇", "柳溪乡", "岚口镇", "青石镇", "东坪乡", "石门乡", "江湾镇")),
        ("乡村", ("三农", "乡村振兴", "农技", "特产", "美丽村庄")),
        ("评论", ("社论", "岚江时评", "读者来信", "漫画")),
        ("科技", ("数码", "互联网", "科普", "教程")),
        ("生活", ("美食", "旅游", "健康", "教育", "房产", "汽车")),
        ("政务", ("政策解读", "人事任免", "公示公告", "政务公开")),
        ("民生", ("就业", "社保", "医疗", "住房", "交通", "天气")),
        ("文体", ("文化", "体育", "非遗", "赛事")),
        ("帮助中心", ("常见问题", "投诉建议", "联系我们")),
    ),
    boxes=(
        (
            "read-more",
            "更多要闻",
            (
                (
                    "县城南区新建三所幼儿园明年秋季招生",
                    "新增学位九百个，将缓解城南片区入园难问题。",
                ),
                ("岚江大桥维修工程进入收尾阶段", "预计下月底恢复双向通行，公交线路同步调整。"),
                ("柳溪乡茶叶合作社今年收购鲜叶逾百吨", "茶农人均增收三千余元，春茶品质明显提升。"),
                ("县人民医院开通夜间儿科门诊", "每晚六点至十点接诊，减轻急诊压力。"),
                ("全县秋粮收购工作全面启动", "设立收购点四十二个，实行优质优价。"),
                ("岚口镇老街改造方案公开征求意见", "改造将保留青石板路和传统木结构民居。"),
                ("我县两名运动员入选省队", "将参加明年举行的全省运动会皮划艇项目。"),
                ("农村公路安全隐患排查完成", "共整改隐患路段六十余处，增设护栏十二公里。"),
                ("县图书馆推出少儿绘本借阅月活动", "每位小读者可一次借阅十本绘本。"),
                ("青石镇新建农贸市场正式开业", "摊位两百余个，方便周边村民买卖。"),
                ("江湾镇举办首届柑橘文化节", "吸引游客两万余人次，带动农产品销售。"),
                ("县城新增公共充电桩八十个", "主要分布在医院、学校和大型停车场周边。"),
                ("东坪乡完成危旧房改造一百二十户", "困难群众住上了安全住房。"),
                ("岚江流域水质连续三年保持优良", "监测断面水质全部达到二类标准。"),
            ),
        ),
        (
            "read-more",
            "编辑推荐",
            (
                ("江上最后的摆渡人", "四十年来，他把一船又一船乡亲送到对岸。"),
                ("一座村小的坚守", "五个孩子、一位老师和一片菜园。"),
                ("老手艺里的新生意", "竹编匠人把作品卖到了全国各地。"),
                ("岚江夜色", "读者镜头里的县城夜景。"),
                ("返乡青年的第一个丰收季", "从城市白领到种粮大户，他只用了三年。"),
            ),
        ),
        (
            "newsletter",
            "订阅岚江日报",
            (
                ("早安岚江", "每天清晨推送当日要闻。"),
                ("乡村周刊", "每周四讲述乡村新变化。"),
                ("周末去哪儿", "县内周边游和文体活动推荐。"),
            ),
        ),
    ),
    columns=(
        (
            "乡镇频道",
            (
                "白沙渡镇",
                "柳溪乡",
                "岚口镇",
                "青石镇",
                "东坪乡",
                "石门乡",
                "江湾镇",
                "云岭乡",
                "桃源镇",
                "双河镇",
                "松林乡",
                "龙潭镇",
                "凤凰乡",
                "梅岭镇",
            ),
        ),
        (
            "便民服务",
            (
                "天气预报",
                "公交查询",
                "水电气缴费",
                "医院挂号",
                "违章查询",
                "招聘求职",
                "房屋租售",
                "寻人寻物",
                "便民电话",
                "电子报",
            ),
        ),
        (
            "专题",
            (
                "乡村振兴在岚江",
                "文明城市创建",
                "岚江生态保护",
                "我们的节日",
                "防汛抗旱",
                "安全生产月",
                "全民健身",
            ),
        ),
        (
            "关于我们",
            (
                "报社简介",
                "联系我们",
                "广告服务",
                "招聘信息",
                "投稿须知",
                "版权声明",
                "隐私政策",
                "网站地图",
            ),
        ),
        ("合作媒体", ("岚江广播电视台", "岚江发布", "岚江教育网", "岚江文旅", "岚江融媒")),
        ("关注我们", ("微信公众号", "微博", "抖音", "客户端下载")),
    ),
    legal=(
        "岚江日报社主办　地址：岚江县滨江路一百零八号　邮编：四三二一零零",
        "本网站所刊登的各种新闻、信息和各种专题专栏资料，均为岚江日报社版权所有，未经协议授权，"
        "禁止下载使用或建立镜像。转载请注明来源，并不得对内容进行歪曲篡改。",
        "违法和不良信息举报电话：零七一六八八八六六六六　举报邮箱：jubao@lanjiang-daily.cn",
        "新闻热线：零七一六八八八六八八八　广告热线：零七一六八八八六七七七",
        "网站由岚江日报社新媒体中心负责运营维护，建议使用最新版本浏览器访问本网站。",
    ),
)

SITES_DE: dict[str, dict[str, Any]] = {"rheintal": RHEINTAL, "backstube": BACKSTUBE}
SITES_ZH: dict[str, dict[str, Any]] = {"lanjiang": LANJIANG}
