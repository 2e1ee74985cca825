"""Site chrome wording in English (see chrome.py): the consent dialog with its partner list and,
per site, the mega menu, sidebar boxes, sitemap footer and legal small print. All of it is our
own text; every company, person and place that is not a real town is fictional."""

from __future__ import annotations

from typing import Any

# The consent dialogs list all "214 partners" they mention: fictional advertising, measurement
# and data companies, each an invented name and a line of business.
_PARTNER_NAMES = (
    "Adlumen",
    "Aperture",
    "Bannerfield",
    "Beaconry",
    "Bidwell",
    "Brightpath",
    "Cadence",
    "Cartwheel",
    "Clearsight",
    "Clickharbour",
    "Cobalt Reach",
    "Copperleaf",
    "Crowdlane",
    "Datalantern",
    "Driftwood",
    "Echoplex",
    "Emberline",
    "Fathom",
    "Fernway",
    "Flintlock",
    "Gannet",
    "Glasshouse",
    "Granary",
    "Harbourlight",
    "Heliotrope",
    "Hollowtree",
    "Inkwell",
    "Ironbridge",
    "Juniper",
    "Keystone",
    "Kiteflyer",
    "Lanternfish",
    "Larkspur",
    "Lodestar",
    "Marigold",
    "Meridian",
    "Millpond",
    "Moorhen",
    "Nettlebed",
    "Northlight",
    "Oakapple",
    "Orchard Lane",
    "Otterbrook",
    "Pebbledash",
    "Pinecone",
    "Quarrystone",
    "Quillfeather",
    "Redkite",
    "Riverbend",
    "Saltmarsh",
    "Sandpiper",
    "Shingle Bay",
    "Silverbirch",
    "Skylark",
    "Slatehouse",
)
_PARTNER_TRADES = ("Media", "Analytics", "Data", "Audiences", "Exchange")
PARTNERS: tuple[str, ...] = tuple(
    f"{name} {trade}" for trade in _PARTNER_TRADES for name in _PARTNER_NAMES
)[:214]

CONSENT_EN: dict[str, Any] = dict(
    title="We value your privacy",
    text=(
        "We and our 214 partners store and access information on your device, such as cookies "
        "and unique identifiers, and process personal data such as your IP address and browsing "
        "behaviour. We do this to show you personalised advertising and content, to measure how "
        "ads and content perform, to understand our audience and to develop and improve our "
        "services.",
        "Some partners process your data on the basis of legitimate interest, which you can "
        "object to by choosing Manage options. You can change or withdraw your consent at any "
        "time from the Privacy settings link at the bottom of every page. Your choices apply to "
        "this website only and are kept for thirteen months.",
    ),
    purposes=(
        (
            "Strictly necessary cookies",
            "These keep the site secure, remember your privacy choices and spread the load "
            "across our servers. The site cannot work without them, so they cannot be switched "
            "off.",
        ),
        (
            "Store and access information on a device",
            "Cookies, device identifiers and similar technologies may be stored on or read from "
            "your device, for example to recognise it each time it visits this site.",
        ),
        (
            "Use limited data to select advertising",
            "Adverts may be chosen using limited information, such as the page you are reading, "
            "your approximate location, the type of device you use and how often you have "
            "already seen an advert.",
        ),
        (
            "Create profiles for personalised advertising",
            "Information about your activity on this site and others, such as the pages you "
            "read and the forms you submit, may be combined into a profile of your likely "
            "interests.",
        ),
        (
            "Use profiles to select personalised advertising",
            "Adverts may be chosen for you based on a profile of your interests, so that you see "
            "adverts for things you are more likely to want.",
        ),
        (
            "Measure advertising and content performance",
            "Information about which adverts and articles you see and how you interact with "
            "them can be used to work out how well they perform, and to count visitors.",
        ),
        (
            "Understand audiences through statistics",
            "Reports can be produced from your activity combined with that of other readers, "
            "for example to learn which kinds of reader are interested in a topic.",
        ),
        (
            "Develop and improve services",
            "Information about how you use the site can help us fix problems, test new features "
            "and design better pages and products.",
        ),
        (
            "Use precise geolocation data",
            "With your permission, your precise location, accurate to within a few hundred "
            "metres, can be used to show you local news, weather and offers nearby.",
        ),
    ),
    partners_title="Our partners",
    buttons=("Accept all", "Reject all", "Manage options"),
)

NEWSLINE: dict[str, Any] = dict(
    popular="Most read today",
    menu=(
        (
            "News",
            ("UK", "World", "Politics", "Europe", "Americas", "Asia", "Africa", "Fact check"),
        ),
        (
            "Local",
            (
                "Westminster",
                "Camden",
                "Hackney",
                "Southwark",
                "Lambeth",
                "Islington",
                "Tower Hamlets",
                "Greenwich",
                "Lewisham",
            ),
        ),
        (
            "Business",
            ("Economy", "Markets", "Property", "Small business", "Your money", "Work & careers"),
        ),
        ("Science", ("Environment", "Health", "Space", "Nature", "Climate", "Medicine")),
        (
            "Sport",
            ("Football", "Cricket", "Rugby union", "Tennis", "Athletics", "Cycling", "Chess"),
        ),
        ("Culture", ("Film", "Music", "Theatre", "Books", "Art & design", "Television", "Games")),
        (
            "Lifestyle",
            ("Food & drink", "Travel", "Homes", "Fashion", "Family", "Gardening", "Wellbeing"),
        ),
        ("Opinion", ("Editorials", "Columnists", "Letters", "Cartoons", "Your view")),
        ("Puzzles", ("Crossword", "Cryptic crossword", "Sudoku", "Word wheel", "Quiz of the week")),
        ("Video & audio", ("Podcasts", "Documentaries", "Live streams", "Radio")),
        (
            "Transport",
            (
                "Tube status",
                "Rail",
                "Buses",
                "Roads",
                "Cycling",
                "Airports",
                "River services",
            ),
        ),
        ("Property", ("Homes for sale", "Homes to rent", "New builds", "House prices")),
    ),
    boxes=(
        (
            "read-more",
            "More top stories",
            (
                (
                    "Night bus cuts put late-shift workers at risk, say unions",
                    "Six routes lose their overnight service in January under plans to save money.",
                ),
                (
                    "Council tax to rise by 4.99 per cent in most boroughs",
                    "Band D households face an average increase of about ninety pounds a year.",
                ),
                (
                    "Thames water quality improves at eight of ten test sites",
                    "Campaigners welcome the figures but warn that sewage spills are still "
                    "too common.",
                ),
                (
                    "Rents in outer London rise faster than in the centre",
                    "Tenants in Havering and Bexley saw the steepest increases this year.",
                ),
                (
                    "Hospital trust opens new walk-in eye clinic",
                    "Patients can be seen without a referral seven days a week.",
                ),
                (
                    "Community choir fills cathedral for winter concert",
                    "More than three hundred singers from twelve boroughs took part.",
                ),
                (
                    "Why the city's street trees are dying younger",
                    "Heat, compacted soil and dry summers are shortening their lives.",
                ),
                (
                    "Cyclists and drivers clash over riverside road closure",
                    "A consultation on the trial has received four thousand responses.",
                ),
                (
                    "Food bank demand doubles at the start of the school holidays",
                    "Volunteers say more working families are asking for help.",
                ),
                (
                    "New pedestrian bridge delayed until the spring",
                    "Engineers found a fault in one of the steel supports.",
                ),
                (
                    "Record numbers sign up for adult swimming lessons",
                    "Leisure centres have added evening classes to cope with demand.",
                ),
                (
                    "Market traders fight plans to move Sunday stalls",
                    "A petition against the move has gathered six thousand signatures.",
                ),
                (
                    "Primary school places fall as families leave the capital",
                    "Three boroughs are considering merging or closing schools.",
                ),
                (
                    "Police appeal after string of catalytic converter thefts",
                    "Officers say hybrid cars parked on quiet streets are most at risk.",
                ),
                (
                    "Riverside pub reopens after two years and a new owner",
                    "Regulars queued from noon for the first pint.",
                ),
                (
                    "Electric taxi ranks to be installed at main stations",
                    "The first forty charging points will be switched on in March.",
                ),
            ),
        ),
        (
            "read-more",
            "Editor's picks",
            (
                (
                    "The last lamplighters: the men who still tend the gas lamps",
                    "Around fifteen hundred gas street lamps still glow in the capital.",
                ),
                (
                    "A day on the water with the river police",
                    "From lost tourists to stolen boats, nothing surprises the crew any more.",
                ),
                (
                    "How one allotment feeds a whole estate",
                    "Residents grow enough vegetables to supply the local food bank.",
                ),
                (
                    "Inside the sorting office that never sleeps",
                    "Two million letters and parcels pass through every night.",
                ),
                (
                    "The choir that sings for people living with dementia",
                    "Songs from the sixties bring back memories, families say.",
                ),
                (
                    "Why Londoners are falling back in love with the lido",
                    "Cold water swimming has kept open-air pools busy all winter.",
                ),
            ),
        ),
        (
            "read-more",
            "In pictures",
            (
                ("Frost over the city: readers' photos of a freezing morning", ""),
                ("Fifty years of the Notting Hill Carnival", ""),
                ("Behind the scenes at the Natural History Museum", ""),
                ("The week in pictures", ""),
                ("Dogs of the marathon: the best-dressed supporters", ""),
            ),
        ),
        (
            "newsletter",
            "Our newsletters",
            (
                ("The Morning Briefing", "The day's top stories before seven, every weekday."),
                ("Local Matters", "News from your borough, every Thursday."),
                ("The Long Read", "One in-depth story to savour each Sunday."),
                ("Money Week", "Prices, bills and your rights as a consumer."),
                ("Final Whistle", "Results and analysis after every match day."),
                ("Out and About", "What's on in London this weekend."),
            ),
        ),
        (
            "ads",
            "Support London News Net",
            (
                (
                    "Subscribe from £1 a week",
                    "Unlimited articles, the digital edition and no adverts. Cancel any time.",
                ),
                ("Give a gift subscription", "Three months of independent local news."),
                ("Download our app", "Breaking news alerts and offline reading."),
            ),
        ),
    ),
    columns=(
        (
            "Local editions",
            (
                "City of London",
                "Barking and Dagenham",
                "Barnet",
                "Bexley",
                "Brent",
                "Bromley",
                "Croydon",
                "Ealing",
                "Enfield",
                "Hammersmith and Fulham",
                "Haringey",
                "Harrow",
                "Havering",
                "Hillingdon",
                "Hounslow",
                "Kensington and Chelsea",
                "Kingston upon Thames",
                "Merton",
                "Newham",
                "Redbridge",
                "Richmond upon Thames",
                "Sutton",
                "Waltham Forest",
                "Wandsworth",
            ),
        ),
        (
            "Neighbourhoods",
            (
                "Brixton",
                "Peckham",
                "Dalston",
                "Walthamstow",
                "Stratford",
                "Deptford",
                "Tottenham",
                "Wimbledon",
                "Putney",
                "Chiswick",
                "Acton",
                "Kilburn",
                "Finchley",
                "Wood Green",
                "Bethnal Green",
                "Bermondsey",
                "Clapham",
                "Streatham",
                "Sydenham",
                "Woolwich",
                "Eltham",
                "Ilford",
                "Romford",
                "Uxbridge",
                "Southall",
                "Hammersmith",
                "Notting Hill",
                "Camberwell",
                "Catford",
                "Leyton",
            ),
        ),
        (
            "Services",
            (
                "Subscribe",
                "Digital edition",
                "Print subscriptions",
                "Manage my account",
                "Newsletters",
                "Apps for iPhone and Android",
                "Weather forecast",
                "Travel news and roadworks",
                "Public notices",
                "Family notices",
                "Jobs",
                "Property search",
                "Events and tickets",
                "Competitions",
                "Photo sales",
                "Archive",
                "RSS feeds",
            ),
        ),
        (
            "About us",
            (
                "About London News Net",
                "Our journalists",
                "Editorial code",
                "Corrections and clarifications",
                "Complaints",
                "Contact the newsroom",
                "Send us a tip securely",
                "Careers",
                "Work experience",
                "Advertise with us",
                "Media pack",
                "Accessibility",
                "Sitemap",
            ),
        ),
        (
            "Topics A–Z",
            (
                "Air quality",
                "Allotments",
                "Bus routes",
                "Congestion charge",
                "Council tax",
                "Cycle lanes",
                "Elections",
                "Energy bills",
                "Flood risk",
                "Food banks",
                "Housing",
                "Libraries",
                "London Marathon",
                "Mayor of London",
                "Night Tube",
                "Parks and commons",
                "Planning applications",
                "Rents",
                "Schools",
                "Strikes",
                "Thames crossings",
                "Tower blocks",
                "Waste and recycling",
                "Weather warnings",
                "Youth clubs",
            ),
        ),
        (
            "Our network",
            (
                "The Tessel Courier",
                "Harbourside Daily",
                "Estuary Property Guide",
                "Westmere Jobs",
                "Brackenmoor Weekly",
                "Saltney Gazette",
            ),
        ),
        (
            "Follow us",
            ("Facebook", "Instagram", "X", "YouTube", "TikTok", "LinkedIn", "WhatsApp channel"),
        ),
    ),
    legal=(
        "London News Net is published by Newsline Media Ltd, 40 Fenchurch Row, London EC3 7QA. "
        "Registered in England and Wales, company number 08812345. VAT number GB 214 6678 90.",
        "We are a member of the Independent Press Standards Organisation and follow its Editors' "
        "Code of Practice. If you think we have got something wrong, contact our readers' editor "
        "at corrections@london-news-net.com and we will reply within five working days.",
        "All content on this website is protected by copyright. You may not copy, republish or "
        "redistribute articles, photographs or video without our written permission. We reserve "
        "the right to use our content for text and data mining, and we do not allow it to be "
        "used to train artificial intelligence systems without a licence.",
        "Some links on this website are affiliate links: we may earn a small commission when you "
        "buy through them, at no extra cost to you. This never affects what we write.",
        "Readers' comments are moderated after publication. We remove comments that are "
        "abusive, off-topic or that break the law, and we may suspend accounts that repeatedly "
        "break our community guidelines.",
        "Privacy policy · Cookie policy · Privacy settings · Terms and conditions · Modern "
        "slavery statement",
    ),
)

KETTLE: dict[str, Any] = dict(
    popular="Popular posts",
    menu=(
        ("Baking", ("Bread", "Sourdough", "Cakes", "Biscuits", "Pastry", "Gluten-free")),
        ("Food", ("Breakfast", "Soups", "Weeknight dinners", "Preserves", "Vegetarian")),
        ("Garden", ("Allotment diary", "Fruit", "Vegetables", "Herbs", "Composting")),
        ("Travel", ("Walking holidays", "Markets", "Bakeries abroad", "Camping")),
        ("Notes", ("Kitchen kit", "Reading list", "Monthly round-up")),
        ("About", ("About Tamsin", "Work with me", "Contact", "Newsletter")),
    ),
    boxes=(
        (
            "read-more",
            "From the archive",
            (
                ("My everyday white loaf, step by step", "The one I bake every Saturday."),
                ("Seville orange marmalade without the stress", "A January ritual, simplified."),
                ("Ten things I learned from a year of allotment keeping", ""),
                ("A weekend of bakeries in Copenhagen", "Cardamom buns, rye and cinnamon."),
                ("How to keep a sourdough starter on holiday", ""),
                ("Green tomato chutney for the end of the season", ""),
                ("Oat and treacle biscuits for the tin", "They keep for two weeks, in theory."),
                ("What I pack for a week of walking and cooking outdoors", ""),
            ),
        ),
        (
            "navigation",
            "Categories",
            (
                ("Baking (84)", ""),
                ("Bread (41)", ""),
                ("Food (63)", ""),
                ("Garden (37)", ""),
                ("Preserves (19)", ""),
                ("Travel (22)", ""),
                ("Notes (30)", ""),
                ("Kitchen kit (12)", ""),
            ),
        ),
        (
            "navigation",
            "Blogs I read",
            (
                ("The Crumb Diaries", "Bread, mostly rye."),
                ("Plot 17", "An allotment in the Pennines."),
                ("Small Kitchen, Big Pans", "Cooking for six in a galley kitchen."),
                ("Jam Today", "Preserving through the seasons."),
                ("The Slow Walker", "Long-distance paths on foot."),
                ("Flour and Water Notes", "Home milling and heritage grains."),
            ),
        ),
    ),
    columns=(
        (
            "Start here",
            (
                "New to baking bread?",
                "My basic sourdough",
                "Recipe index",
                "Kitchen equipment I use",
                "Frequently asked questions",
            ),
        ),
        (
            "Recipes by season",
            ("Spring", "Summer", "Autumn", "Winter", "Christmas baking", "Harvest gluts"),
        ),
        (
            "The small print",
            (
                "Privacy policy",
                "Cookie settings",
                "Disclosure policy",
                "Photo credits",
                "Comment policy",
                "Accessibility",
            ),
        ),
        ("Elsewhere", ("Instagram", "Pinterest", "YouTube", "RSS feed", "Email")),
    ),
    legal=(
        "Kettle & Crumb is a personal blog written by Tamsin Greaves. Recipes and photographs are "
        "my own unless stated otherwise; please ask before using them elsewhere, and link back "
        "if you share a recipe.",
        "Some posts contain affiliate links. If you buy something through one of them I may earn "
        "a small commission, at no extra cost to you. I only recommend kit I have bought and used "
        "myself, and sponsored posts are always marked as such at the top.",
        "Comments are moderated and may take a day to appear. Be kind.",
    ),
)

CRANKSET: dict[str, Any] = dict(
    popular="Trending threads",
    menu=(
        (
            "Forums",
            (
                "New posts",
                "Bike Maintenance",
                "Road",
                "Gravel",
                "Mountain biking",
                "Commuting",
                "Touring and bikepacking",
                "Wheels and tyres",
                "Frame building",
                "Classifieds",
                "Off topic",
            ),
        ),
        ("What's new", ("New posts", "New media", "New profile posts", "Latest activity")),
        ("Media", ("New media", "Ride photos", "Workshop photos", "Videos")),
        ("Members", ("Registered members", "Current visitors", "Staff members")),
        ("Help", ("Forum rules", "Frequently asked questions", "Smilies", "Trophies")),
    ),
    boxes=(
        (
            "navigation",
            "Members online",
            (
                (
                    "spokesandgravel, fenland_fixie, tarmac_tom, lanes_and_lambs, "
                    "wheelbuilder_pete, hubgeek, chainlube, cols_and_coffee, dropbar_dan, "
                    "rustyframe, the_bonk, mudguard_martha, singlespeed_sue, cadence90, "
                    "tyrelever, steel_is_real, gravel_grinder_g, saddlesore, bottom_bracket_bob, "
                    "cassette_cass, brakepad_brian, fixedwheel_fran, the_audax_kid, spoke_key, "
                    "loam_ranger, hill_repeats, sunday_club_run, pannier_paul, quick_release, "
                    "derailleur_dave, valley_climber, carbon_cathy, winter_miles",
                    "",
                ),
                ("Total: 437 (members: 33, guests: 404)", ""),
            ),
        ),
        (
            "navigation",
            "Forums",
            (
                (
                    "Bike Maintenance",
                    "Noises, adjustments and repairs. Post your bike, parts and what you have "
                    "tried.",
                ),
                ("Road", "Road bikes, sportives, club runs and training."),
                ("Gravel", "Mixed-surface riding, tyres and routes."),
                ("Mountain biking", "Trails, suspension setup and trail centres."),
                ("Commuting", "Lights, locks, mudguards and getting to work."),
                ("Touring and bikepacking", "Luggage, routes and long trips."),
                ("Wheels and tyres", "Wheel building, tubeless setups and punctures."),
                ("Frame building", "Brazing, tubing and custom frames."),
                ("Classifieds", "Buy, sell and swap. Read the rules first."),
                ("Off topic", "Anything not about bikes. Keep it friendly."),
            ),
        ),
        (
            "legal-notice",
            "Forum rules",
            (
                (
                    "Be civil.",
                    "Criticise ideas, not people. Personal attacks, name-calling and baiting "
                    "will get your post removed and may get you banned.",
                ),
                (
                    "Search before you post.",
                    "Most questions have been asked before. If you find an old thread, reply to "
                    "it rather than starting a new one.",
                ),
                (
                    "Give details.",
                    "Tell us the bike, the parts, the mileage and what you have already tried. "
                    "Photos help more than anything else.",
                ),
                (
                    "No advertising.",
                    "Traders may only post in the supporters' section. Affiliate links and "
                    "referral codes are not allowed anywhere else.",
                ),
                (
                    "Classifieds rules.",
                    "Include a price, a location and real photos. No bumping more than once a "
                    "week. Stolen goods will be reported to the police.",
                ),
                (
                    "Safety first.",
                    "Advice is given in good faith by other riders. If a repair involves brakes, "
                    "steerers or carbon parts and you are unsure, see a professional mechanic.",
                ),
                (
                    "One account each.",
                    "Do not register more than one account. Banned members who come back under "
                    "a new name will be removed without warning.",
                ),
                (
                    "Keep it legal.",
                    "Do not post copyrighted manuals, pirated software or anything you would not "
                    "want your name attached to. Moderators' decisions are final.",
                ),
                (
                    "Report, don't reply.",
                    "If a post breaks the rules, use the report button and let the moderators "
                    "deal with it.",
                ),
            ),
        ),
        (
            "navigation",
            "Forum statistics",
            (
                ("Threads: 48,212", ""),
                ("Messages: 1,032,118", ""),
                ("Members: 23,904", ""),
                ("Latest member: cols_and_coffee", ""),
            ),
        ),
        (
            "read-more",
            "Latest posts",
            (
                ("Bottom bracket creak only in the wet", "Latest: hubgeek · Today at 09:12"),
                ("Which torque wrench for carbon seatposts?", "Latest: cadence90 · Today at 08:47"),
                ("Winter wheelset build thread", "Latest: wheelbuilder_pete · Yesterday at 22:30"),
                (
                    "Disc rotor rubbing after a wheel change",
                    "Latest: tyrelever · Yesterday at 21:05",
                ),
                ("For sale: steel touring frame, 56cm", "Latest: rustyframe · Yesterday at 19:58"),
                (
                    "Best route from Bristol to the coast?",
                    "Latest: pannier_paul · Yesterday at 18:12",
                ),
                (
                    "Chain wax versus wet lube, one year on",
                    "Latest: chainlube · Yesterday at 17:40",
                ),
                ("Hydraulic brakes feel spongy after bleed", "Latest: brakepad_brian · Yesterday"),
                ("Sunday club run: who's in?", "Latest: sunday_club_run · Saturday at 20:03"),
                ("Show us your winter commuter", "Latest: winter_miles · Saturday at 16:21"),
            ),
        ),
        (
            "read-more",
            "Trending content",
            (
                (
                    "Long-term review: ten thousand miles on a steel gravel bike",
                    "What wore out, what broke and what I would change.",
                ),
                (
                    "Wheel building for beginners: my first pair",
                    "Lacing, tensioning and truing on a budget stand.",
                ),
                (
                    "Winter clothing thread: what actually keeps you warm?",
                    "Layers, gloves and overshoes tested in the wet.",
                ),
                (
                    "Tubeless conversion guide, updated for this year",
                    "Rim tape, valves, sealant and the dreaded burp.",
                ),
                (
                    "Photo thread: your bike at the top of a climb",
                    "Over nine hundred photos and counting.",
                ),
                (
                    "Servicing a freehub: pawls, springs and the right grease",
                    "Step-by-step with pictures for the common hub designs.",
                ),
            ),
        ),
        (
            "comments",
            "Latest profile posts",
            (
                ("hubgeek", "Finally finished the shed workshop. Photos in the media section."),
                ("cols_and_coffee", "First hundred-mile ride done, legs are not speaking to me."),
                ("mudguard_martha", "Anyone riding the canal path on Saturday morning?"),
                ("the_audax_kid", "Three hundred kilometres in the rain, never again. Until May."),
                ("wheelbuilder_pete", "Workshop closed next week, back on the twelfth."),
                ("valley_climber", "New personal best up the quarry road today."),
            ),
        ),
        (
            "ads",
            "Forum supporters",
            (
                ("Wheelwright Workshop", "Hand-built wheels, posted anywhere in the UK."),
                ("Chainstay Cycle Insurance", "Cover for theft and accidental damage."),
            ),
        ),
    ),
    columns=(
        (
            "Crankset Forum",
            (
                "Contact us",
                "Terms and rules",
                "Privacy policy",
                "Cookie settings",
                "Help",
                "Home",
                "RSS",
            ),
        ),
        (
            "Community",
            (
                "Forum rules",
                "Moderation team",
                "Report a problem",
                "Supporter membership",
                "Advertise on Crankset",
                "Group rides calendar",
            ),
        ),
    ),
    legal=(
        "Crankset Forum is run by volunteers. The views expressed in posts are those of their "
        "authors and not of the forum or its moderators. Repair advice is given in good faith; "
        "if in doubt, ask a qualified mechanic, and always check the torque settings your "
        "component maker recommends.",
        "By posting you agree to the forum rules: no personal attacks, no spam, no selling "
        "outside the Classifieds section and no sharing of other people's personal data. "
        "Moderators may edit or remove posts and suspend accounts that break the rules.",
        "Classified adverts are between buyer and seller. We do not check items or payments and "
        "cannot help with disputes. Never pay by bank transfer to someone you have not met.",
        "Forum software and content © 2014–2026 Crankset Forum. Some of the links on this site "
        "are affiliate links that help pay for hosting.",
    ),
)

HARROWGATE: dict[str, Any] = dict(
    popular="Bestsellers this week",
    menu=(
        (
            "Tents",
            ("Backpacking tents", "Family tents", "Tarps and shelters", "Footprints", "Pegs"),
        ),
        (
            "Sleeping",
            ("Sleeping bags", "Sleeping mats", "Pillows", "Liners", "Hammocks"),
        ),
        (
            "Cooking",
            ("Stoves", "Cookware", "Mugs and bottles", "Cutlery", "Fuel", "Water filters"),
        ),
        (
            "Clothing",
            ("Waterproof jackets", "Insulated jackets", "Base layers", "Hats and gloves", "Socks"),
        ),
        ("Footwear", ("Walking boots", "Trail shoes", "Gaiters", "Insoles")),
        ("Rucksacks", ("Daypacks", "Backpacking packs", "Dry bags", "Pack covers")),
        ("Navigation", ("Maps", "Compasses", "Head torches", "Power banks")),
        ("Climbing", ("Harnesses", "Helmets", "Ropes", "Chalk bags", "Climbing shoes")),
        ("Camp furniture", ("Chairs", "Tables", "Lanterns", "Cool boxes", "Camp beds")),
        ("Kids", ("Kids' jackets", "Kids' boots", "Kids' sleeping bags", "Baby carriers")),
        ("Travel", ("Luggage", "Travel towels", "Wash bags", "Money belts", "Adaptors")),
        ("Sale", ("Last chance", "Ex-display", "Clearance tents", "Bundle deals")),
    ),
    boxes=(
        (
            "ads",
            "Why shop with Harrowgate",
            (
                ("Free UK delivery over £50", "Next-day delivery available before 2pm."),
                ("60-day returns", "Unused items back for a full refund, no questions asked."),
                ("Price match promise", "Found it cheaper? We will match the price."),
                ("Expert advice", "Our staff walk, climb and camp. Ask them anything."),
                ("Repairs service", "We repair tents, jackets and rucksacks at our workshop."),
            ),
        ),
        (
            "read-more",
            "Guides and advice",
            (
                (
                    "How to choose a sleeping bag",
                    "Temperature ratings, fillings and shapes explained.",
                ),
                (
                    "Waterproof jackets: what the numbers mean",
                    "Hydrostatic head, breathability and when to reproof.",
                ),
                (
                    "Your first wild camp: a checklist",
                    "What to pack, where you may camp and how to leave no trace.",
                ),
                ("Fitting walking boots", "Why the afternoon is the best time to try them on."),
                (
                    "Caring for down",
                    "Washing and drying a down jacket without ruining it.",
                ),
                ("Stove fuels compared", "Gas, meths, solid fuel and multi-fuel stoves."),
            ),
        ),
        (
            "navigation",
            "Store opening hours",
            (
                ("Harrogate", "Mon–Sat 9:00–17:30, Sun 10:00–16:00"),
                ("Keswick", "Every day 9:00–18:00"),
                ("Ambleside", "Every day 9:00–18:00"),
                ("Fort William", "Mon–Sat 9:00–17:30, Sun 10:00–16:00"),
                ("Betws-y-Coed", "Every day 9:30–17:30"),
                ("Hathersage", "Mon–Sat 9:30–17:00, Sun 10:00–16:00"),
                ("Edinburgh", "Mon–Sat 9:30–18:00, Sun 11:00–17:00"),
                ("Manchester", "Mon–Sat 9:30–18:00, Sun 11:00–17:00"),
            ),
        ),
        (
            "navigation",
            "Shop by brand",
            (
                ("Harrowgate", ""),
                ("Fellrunner", ""),
                ("Ridgeline", ""),
                ("Tarnside", ""),
                ("Cairnwork", ""),
                ("Moss & Flint", ""),
                ("Summit Line", ""),
                ("Northfold", ""),
            ),
        ),
    ),
    columns=(
        (
            "Customer service",
            (
                "Contact us",
                "Delivery information",
                "Returns and refunds",
                "Track my order",
                "Size guides",
                "Product care",
                "Warranty claims",
                "Frequently asked questions",
            ),
        ),
        (
            "Our stores",
            (
                "Harrogate",
                "Keswick",
                "Ambleside",
                "Fort William",
                "Betws-y-Coed",
                "Hathersage",
                "Edinburgh",
                "Manchester",
                "Sheffield",
                "Bristol",
                "Store events",
            ),
        ),
        (
            "About us",
            (
                "Our story",
                "Sustainability",
                "Careers",
                "Affiliate programme",
                "Student discount",
                "Gift cards",
                "Blog and guides",
            ),
        ),
        (
            "We accept",
            ("Visa", "Mastercard", "American Express", "PayPal", "Apple Pay", "Klarna"),
        ),
    ),
    legal=(
        "Harrowgate Outdoor is a trading name of Harrowgate Outdoor Equipment Ltd, Unit 4, "
        "Moorside Trading Estate, Harrogate HG2 8PL. Registered in England, company number "
        "04412876. VAT registration number GB 771 2209 14.",
        "All prices include VAT at the current rate. Delivery charges are shown at checkout. "
        "Offers cannot be combined with any other discount and may end without notice while "
        "stocks last. Images are for illustration; colours may vary slightly from the screen.",
        "Standard delivery takes three to five working days and is free on orders over £50; "
        "below that it costs £4.95. Orders placed before 2pm on a working day can be sent by "
        "next-day delivery for £7.95. We deliver to the Highlands and islands, Northern Ireland "
        "and the Channel Islands, but it may take longer.",
        "You can return unused items within 60 days for a full refund. Use the free returns label "
        "in your parcel or bring the item to any of our stores. Faulty items are covered by our "
        "two-year guarantee and, for tents and rucksacks, our repairs service.",
        "Your statutory rights are not affected. Klarna's Pay in 3 is an unregulated credit "
        "agreement; borrowing more than you can afford could affect your credit score.",
        "Terms and conditions · Privacy notice · Cookie settings · Modern slavery statement · "
        "Accessibility",
    ),
)

SITES_EN: dict[str, dict[str, Any]] = {
    "newsline": NEWSLINE,
    "kettle": KETTLE,
    "crankset": CRANKSET,
    "harrowgate": HARROWGATE,
}
