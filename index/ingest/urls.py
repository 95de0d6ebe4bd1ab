"""Where an article comes from: outlet names from hosts, dates from URLs."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Hosts whose publication name is not simply their domain, written the way the
# publications write them. Anything else falls back to a readable domain.
KNOWN_OUTLETS: dict[str, str] = {
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "techcrunch.com": "TechCrunch",
    "theverge.com": "The Verge",
    "hollywoodreporter.com": "The Hollywood Reporter",
    "variety.com": "Variety",
    "deadline.com": "Deadline",
    "indiewire.com": "IndieWire",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "cnn.com": "CNN",
    "reuters.com": "Reuters",
    "apnews.com": "AP News",
    "bloomberg.com": "Bloomberg",
    "wired.com": "Wired",
    "arstechnica.com": "Ars Technica",
    "engadget.com": "Engadget",
    "digitaltrends.com": "Digital Trends",
    "cnbc.com": "CNBC",
    "forbes.com": "Forbes",
    "businessinsider.com": "Business Insider",
    "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker",
    "latimes.com": "Los Angeles Times",
    "buzzfeed.com": "BuzzFeed",
    "buzzfeednews.com": "BuzzFeed News",
    "vox.com": "Vox",
    "axios.com": "Axios",
    "lemonde.fr": "Le Monde",
    "folha.uol.com.br": "Folha de S.Paulo",
    "heise.de": "heise online",
    "spiegel.de": "Der Spiegel",
    "elpais.com": "El País",
    "substack.com": "Substack",
    "medium.com": "Medium",
    "mashable.com": "Mashable",
    "gizmodo.com": "Gizmodo",
    "zdnet.com": "ZDNET",
    "venturebeat.com": "VentureBeat",
    "screenrant.com": "Screen Rant",
    "collider.com": "Collider",
    "ign.com": "IGN",
}

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ncid)$", re.I)
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>\d{1,2}|[a-z]{3,9})[/-](?P<d>\d{1,2})(?=[/-]|$)", re.I
)
_URL_DATE_COMPACT = re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?=[/_-]|$)")


def is_web_url(text: str) -> bool:
    """An http or https address, in any case ("HTTP://..." too)."""
    return text[:8].lower().startswith(("http://", "https://"))


def host_of(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def outlet_from_url(url: str) -> str | None:
    """The publication behind a URL: a known name, or a readable domain."""
    host = host_of(url)
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in KNOWN_OUTLETS:
            if candidate in ("substack.com", "medium.com") and i > 0:
                # A newsletter on a platform: the newsletter is the outlet,
                # named by its address (its name alone hides the platform).
                return ".".join(parts[i - 1 :])
            return KNOWN_OUTLETS[candidate]
    return host


def clean_url(url: str) -> str:
    """Drop tracking parameters and fragments, so the same page has one URL."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def date_from_url(url: str) -> str | None:
    """A publication date written into a URL path (/2025/jul/18/, /2025-07-18/)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in (_URL_DATE, _URL_DATE_COMPACT):
        for m in pattern.finditer(path):
            month_text = m.group("m").lower()
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
            if not month:
                continue
            try:
                return date(int(m.group("y")), month, int(m.group("d"))).isoformat()
            except ValueError:
                continue
    return None


_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")


def normalise_date(value: object) -> str | None:
    """Any date-ish value (a date, a datetime, '2025-07-18 12:27:50', 'July 18,
    2025') as an ISO date, or None when it is not a date."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_DATE.search(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    try:
        from dateutil import parser as dateparser

        parsed = dateparser.parse(text, fuzzy=False)
    except (ValueError, OverflowError, TypeError, ImportError):
        return None
    if parsed is None or not (1900 <= parsed.year <= 2100):
        return None
    return parsed.date().isoformat()
