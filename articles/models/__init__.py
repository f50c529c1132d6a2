"""The articles' models: Article (a condition's or a treatment's page) in article.py,
Citation (a published study) and ArticleCitation (an article's numbered reference) in
citation.py."""

from .article import IMAGE_EXTENSIONS, Article
from .citation import ArticleCitation, Citation

__all__ = ["IMAGE_EXTENSIONS", "Article", "ArticleCitation", "Citation"]
