"""The fictional sites that publish the built-in articles: one language and template each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Site:
    """A website: identity, language, the template its article pages use and its menu sections.

    ``front_page`` sites also contribute section index pages (template ``listing``);
    ``extra_titles`` are headlines of pages outside the corpus, used to fill related-item lists.
    """

    key: str
    name: str
    domain: str
    language: str
    template: str
    sections: tuple[str, ...]
    tagline: str = ""
    preview_domain: str | None = None
    front_page: bool = False
    extra_titles: tuple[str, ...] = ()

    @property
    def host(self) -> str:
        """The host the page is served from: the preview domain when the site has one."""
        return self.preview_domain or self.domain


SITES: tuple[Site, ...] = (
    Site(
        "newsline",
        "London News Net",
        "london-news-net.com",
        "en",
        "news-cms",
        ("World", "Local", "Science", "Sport", "Culture", "Opinion", "Business"),
        tagline="News from London and the world",
        preview_domain="london-news-net.preview-domain.com",
        front_page=True,
    ),
    Site(
        "harbourside",
        "Harbourside Daily",
        "harbourside-daily.co.uk",
        "en",
        "amp",
        ("News", "Science", "Sport", "Culture", "Opinion", "Food"),
    ),
    Site(
        "courier",
        "The Tessel Courier",
        "tesselcourier.com",
        "en",
        "spa",
        ("News", "Local", "Science", "Culture", "Opinion", "Sport"),
        tagline="Independent news for the Tessel Valley",
    ),
    Site(
        "kettle",
        "Kettle & Crumb",
        "kettleandcrumb.blog",
        "en",
        "blog",
        ("Baking", "Food", "Travel", "Garden", "Notes"),
        tagline="Slow food and small adventures",
        extra_titles=(
            "A week of porridge experiments",
            "The best loaf tin I have owned",
            "Notes from a wet allotment",
        ),
    ),
    Site(
        "crankset",
        "Crankset Forum",
        "forum.crankset.net",
        "en",
        "forum",
        ("Bike Maintenance", "Road", "Gravel", "Commuting", "Classifieds"),
        extra_titles=(
            "Tubeless sealant dried out after two months?",
            "Best budget torque wrench for carbon parts",
            "Winter commuting lights: what do you run?",
            "Chain wear checker gives different readings",
        ),
    ),
    Site(
        "quillstack",
        "Quillstack Docs",
        "docs.quillstack.dev",
        "en",
        "docs",
        ("Getting started", "Documentation", "CLI reference", "Remotes", "Troubleshooting"),
        extra_titles=(
            "Installing Quillstack Sync",
            "Configuring remote destinations",
            "Excluding files with ignore patterns",
            "Restoring a previous version",
        ),
    ),
    Site(
        "harrowgate",
        "Harrowgate Outdoor",
        "shop.harrowgate-outdoor.co.uk",
        "en",
        "product",
        ("Outdoor", "Tents", "Cooking", "Clothing", "Sale"),
        extra_titles=(
            "Harrowgate Trailhead gas stove",
            "Ridgeline 2 lightweight tent",
            "Merino crew base layer",
            "Titanium 450ml mug",
        ),
    ),
    Site(
        "rheintal",
        "Rheintal-Bote",
        "rheintal-bote.de",
        "de",
        "news-cms",
        ("Region", "Politik", "Wirtschaft", "Wissenschaft", "Meinung", "Sport", "Haus & Garten"),
        tagline="Nachrichten aus dem Rheintal",
        preview_domain="rheintal-bote.preview-domain.com",
        front_page=True,
    ),
    Site(
        "backstube",
        "Backstuben-Forum",
        "forum.backstube-online.de",
        "de",
        "forum",
        ("Brot backen", "Sauerteig", "Kuchen & Torten", "Geräte", "Plauderecke"),
        extra_titles=(
            "Dinkelvollkorn reißt beim Backen auf",
            "Welcher Gärkorb für 1 kg Brote?",
            "Lievito madre einfrieren – Erfahrungen?",
        ),
    ),
    Site(
        "courrier",
        "Le Courrier de Montréval",
        "courrier-montreval.fr",
        "fr",
        "amp",
        ("Local", "Politique locale", "Culture", "Sports", "Société"),
    ),
    Site(
        "carnets",
        "Les Carnets de Margaux",
        "carnets-de-margaux.fr",
        "fr",
        "blog",
        ("Voyages", "Cuisine", "Jardin", "Lectures"),
        tagline="Petites histoires du quotidien",
        front_page=True,
        extra_titles=("Trois jours dans le Vercors", "Ma tarte aux prunes préférée"),
    ),
    Site(
        "cuaderno",
        "Cuaderno de Ruta",
        "cuadernoderuta.es",
        "es",
        "blog",
        ("Viajes", "Gastronomía", "Local", "Opinión", "Tienda", "Documentación"),
        tagline="Historias de caminos, mesas y barrios",
        front_page=True,
        extra_titles=("Cinco pueblos para una escapada de otoño", "Cómo preparar la mochila"),
    ),
    Site(
        "vestnik",
        "Северный вестник",
        "severny-vestnik.ru",
        "ru",
        "spa",
        ("Город", "Наука", "Общество", "Экономика", "Культура"),
        tagline="Новости Северного края",
        front_page=True,
    ),
    Site(
        "lanjiang",
        "岚江日报",
        "lanjiang-daily.cn",
        "zh",
        "news-cms",
        ("本地", "乡村", "评论", "科技", "生活", "帮助中心"),
        tagline="岚江人自己的新闻",
        preview_domain="lanjiang-daily.preview-domain.com",
        front_page=True,
    ),
    Site(
        "kurashi",
        "くらしノート",
        "kurashi-note.jp",
        "ja",
        "blog",
        ("くらし", "地域", "アウトドア", "料理"),
        tagline="毎日をちょっと楽しく",
        front_page=True,
        extra_titles=("週末の作り置きおかず5品", "はじめての家庭菜園、ミニトマト編"),
    ),
    Site(
        "wadi",
        "صدى الوادي",
        "sada-alwadi.com",
        "ar",
        "amp",
        ("أخبار", "اقتصاد", "ثقافة", "رياضة", "منتدى"),
        front_page=True,
    ),
)
