import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleCitation, Citation, Review
from articles.roles import REVIEWERS_GROUP
from articles.services import prepare_hero_image
from inquiries.models import Inquiry


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@clinic.example")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True


class ReviewerFactory(StaffFactory):
    """A member of the Medical reviewers group, as the pages show them."""

    username = "rao"
    display_name = "Dr. A. Rao"
    credentials = "MD, neurologist"

    @factory.post_generation
    def in_group(user, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    kind = Article.Kind.CONDITION
    summary = "A short plain-language summary of the page."
    body = "<h2>Overview</h2><p>What it is.</p><h2>Symptoms</h2><p>What people notice [1].</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        treatment = factory.Trait(
            kind=Article.Kind.TREATMENT,
            title=factory.Sequence(lambda n: f"Treatment {n}"),
            regulatory_status=Article.RegulatoryStatus.INVESTIGATIONAL,
            regulatory_statement="In clinical trials; not approved for this use.",
            regulatory_source_url="https://www.fda.gov/vaccines-blood-biologics",
            regulatory_checked_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=30)
            ),
            clinic_offer=Article.ClinicOffer.NOT_OFFERED,
            # A treatment is public only with a current review (articles/models/review.py)
            # or as demonstration content: ``demonstration=False`` for the rule itself.
            demonstration=True,
        )
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved as the admin saves it: a hero image is stored with its sizes recorded."""
        article = model_class(*args, **kwargs)
        prepare_hero_image(article=article)
        article.save()
        return article

    @factory.post_generation
    def reviewed(article, create, days_ago, **kwargs):
        """``ArticleFactory(reviewed=30)``: reviewed 30 days ago, of its text as created."""
        if create and days_ago is not None:
            ReviewFactory(
                article=article, reviewed_on=timezone.localdate() - datetime.timedelta(days_ago)
            )


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review of the article's latest version (its present text, unless changed since)."""

    class Meta:
        model = Review

    article = factory.SubFactory(ArticleFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    checked = "Every claim against its reference."
    article_version = factory.LazyAttribute(lambda review: review.article.history.first())


# What a page's versions have in common (the same facts; their words are translated).
SHARED_BY_TRANSLATIONS = (
    "regulatory_jurisdiction",
    "regulatory_status",
    "regulatory_statement",
    "regulatory_source_url",
    "regulatory_checked_on",
    "clinic_offer",
    "clinic_trial_registration",
    "clinic_cost",
    "clinic_offer_note",
)


def translation_of(article, **fields):
    """A published Spanish version of ``article``: its own row, sharing its translation key."""
    fields.setdefault("title", f"{article.title} (es)")
    fields.setdefault("slug", f"{article.slug}-es")
    for name in SHARED_BY_TRANSLATIONS:
        fields.setdefault(name, getattr(article, name))
    fields.setdefault("demonstration", article.demonstration)
    return ArticleFactory(
        language="es", translation_key=article.translation_key, kind=article.kind, **fields
    )


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    authors = "Smith J, Jones K"
    title = factory.Sequence(lambda n: f"A study of things, part {n}")
    journal = "J Things"
    year = 2020
    volume = "12"
    issue = "3"
    pages = "100-9"
    doi = factory.Sequence(lambda n: f"10.1000/test.{n}")
    study_design = Citation.StudyDesign.RCT
    participants = 120
    key_finding = "It helped a little."


class ArticleCitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleCitation

    article = factory.SubFactory(ArticleFactory)
    citation = factory.SubFactory(CitationFactory)
    order = factory.Sequence(lambda n: n)


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    name = factory.Sequence(lambda n: f"Patient {n}")
    email = factory.Sequence(lambda n: f"patient{n}@example.com")
    phone = "720 555 0100"
    preferred_contact = Inquiry.PreferredContact.EMAIL
    best_time = "Weekday mornings"
    message = "I would like to know whether this treatment could help my father."
    consented_at = factory.LazyFunction(timezone.now)


def contact_form_data(**overrides):
    """What a browser sends from a filled-in contact form (a patient who wants an email)."""
    return {
        "name": "Ada Patient",
        "email": "ada@example.com",
        "phone": "",
        "preferred_contact": "email",
        "best_time": "Weekday mornings",
        "article": "",
        "message": "Could stem cells help my ALS?",
        "consent": "on",
        "website": "",
        "source_page": "",
        **overrides,
    }


def jpeg(width, height, name="hero.jpg"):
    """A JPEG of ``width`` x ``height`` pixels (one colour), as a browser uploads it."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
