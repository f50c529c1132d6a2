"""The articles' models: Article (a condition's or a treatment's page) in article.py,
Citation (a published study) and ArticleCitation (an article's numbered reference) in
citation.py; TrialSearch and Trial (a page's clinical trials) in trials.py; Review (a
medical review of an article) in review.py, the article's review base in
reviewed_article.py."""

from .article import Article
from .citation import ArticleCitation, Citation
from .review import Review
from .trials import Trial, TrialSearch

__all__ = ["Article", "ArticleCitation", "Citation", "Review", "Trial", "TrialSearch"]
