"""The shape of kommun.yml: every key a fork may set, with its kind.

Kinds: text, localised (text in sv and en), url, siteurl (url ending in /), email, phone, date, colour, file, bool,
enum:<a>|<b>, list:<kind>, list:chapter. A dict is a nested section. A key ending in "?" is optional.
"""

CHAPTERS = ("bakgrund", "exempel", "beslutsunderlag", "fragor-och-svar", "ordlista", "avtal")

SCHEMA = {
    "organisation": {
        "kind": "enum:kommun|region",
        "name": "localised",
        "short_name": "localised",
        "website": "url",
        "example?": "bool",
    },
    "site": {
        "url": "siteurl",
        "repository?": "url",
    },
    "contact": {
        "email": "email",
        "phone": "phone",
    },
    "logo": "file",
    "colours": {
        "primary": "colour",
        "accent": "colour",
    },
    "guidelines": {
        "addressee": "localised",
        "adopted_by": "localised",
        "reference": "text",
        "memo_date": "date",
        "adopted?": "bool",
        "decision_date?": "date",
        "review_date": "date",
        "responsible_unit": "localised",
        "case_officer?": {
            "name?": "text",
            "title": "localised",
            "email?": "email",
            "phone?": "phone",
        },
    },
    "accessibility": {
        "compliance": "enum:full|partial|none",
        "assessed": "date",
        "updated": "date",
        "method": "localised",
        "known_issues": "list:localised",
        "disproportionate_burden": "list:localised",
        "outside_scope": "list:localised",
        "response_time": "localised",
    },
    "chapters": {
        "exclude": "list:chapter",
    },
    "local": {
        "folder": "text",
    },
}
