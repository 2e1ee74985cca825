"""Boilerplate wording per language (en, de, fr, es, ru, zh, ja, ar): our own short texts for
cookie bars, menus, comments, ads and the rest, in ``data/phrases/<language>.toml`` (loaded by
``tables.py``, where a missing or unknown entry is an error naming the file and key)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Phrases"]


@dataclass(frozen=True, slots=True)
class Phrases:
    """Every boilerplate string a template needs, in one language."""

    skip_link: str
    menu: str
    home: str
    search: str
    log_in: str
    subscribe: str
    cookie_messages: tuple[str, ...]
    cookie_accept: str
    cookie_reject: str
    cookie_settings: str
    cookie_more: str
    related_titles: tuple[str, ...]
    read_more: str
    also_read: str
    most_read: str
    latest: str
    share_title: str
    share_buttons: tuple[str, ...]
    newsletter_title: str
    newsletter_text: str
    newsletter_button: str
    newsletter_note: str
    comments_title: str
    reply: str
    leave_comment: str
    login_to_comment: str
    comments: tuple[str, ...]
    forum_replies: tuple[str, ...]
    reviews: tuple[str, ...]
    names: tuple[str, ...]
    advertisement: str
    sponsored: str
    ads: tuple[str, ...]
    sponsored_links: tuple[str, ...]
    by: str
    min_read: str
    bio_title: str
    bios: tuple[str, ...]
    copyright: str
    footer_links: tuple[str, ...]
    tags: str
    forum_joined: str
    forum_posts: str
    forum_actions: tuple[str, ...]
    forum_wrote: str
    signatures: tuple[str, ...]
    docs_on_page: str
    docs_helpful: str
    yes: str
    no: str
    docs_edit: str
    docs_prev: str
    docs_next: str
    docs_search: str
    docs_updated: str
    docs_version: str
    shop_add: str
    shop_stock: str
    shop_delivery: str
    shop_reviews: str
    shop_stars: str
    shop_also: str
    shop_tabs: tuple[str, ...]
    shop_wishlist: str
    currency: str
    listing_older: str
    page_n: str
    js_loading: str
    js_notice: str
    back_to_top: str
    months: tuple[str, ...]
    date_format: str

    def format_date(self, date: dt.date) -> str:
        """A date as a reader of the language expects it (``21 July 2026``, ``2026年7月21日``)."""
        month = self.months[date.month - 1]
        return self.date_format.format(d=date.day, m=month, n=date.month, y=date.year)
