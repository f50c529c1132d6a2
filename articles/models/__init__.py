"""The articles' models: Article (a condition's or a treatment's page) in article.py,
Citation (a published study) and ArticleCitation (an article's numbered reference) in
citation.py; Review (a medical review of an article) in ../reviews.py, beside its rules."""

from ..reviews import Review
from .article import IMAGE_EXTENSIONS, Article
from .citation import ArticleCitation, Citation

__all__ = ["IMAGE_EXTENSIONS", "Article", "ArticleCitation", "Citation", "Review"]
