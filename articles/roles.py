"""Who does what with the articles: the staff groups' names and their permissions.

Every module that needs a group's name imports it from here; this module imports nothing of
the app, so no import runs in a circle (articles/apps.py declares the groups, clinic/groups.py
creates them after every ``migrate``)."""

EDITORS_GROUP = "Editors"
EDITORS_PERMISSIONS = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "add_citation",
        "change_citation",
        "view_citation",
        "add_articlecitation",
        "change_articlecitation",
        "view_articlecitation",
        # Taking a reference off an article deletes its link row (not the citation).
        "delete_articlecitation",
        # Editors see the medical reviews; only reviewers record them.
        "view_review",
        # Which page lists which recruiting trials (the trials come from the registry).
        "add_trialsearch",
        "change_trialsearch",
        "delete_trialsearch",
        "view_trialsearch",
        "view_trial",
    ],
    "clinic": ["add_sitesettings", "change_sitesettings", "view_sitesettings"],
}
# Clinicians who check pages and record that they did (articles/models/review.py). They read
# pages and references and record reviews; they do not change pages: a correction goes
# through an editor, so a review always signs off text someone else wrote and the history
# shows who changed what. A clinician who also writes is put in both groups.
REVIEWERS_GROUP = "Medical reviewers"
REVIEWERS_PERMISSIONS = {
    "articles": [
        "view_article",
        "view_citation",
        "view_articlecitation",
        "view_review",
        "add_review",
    ],
}
