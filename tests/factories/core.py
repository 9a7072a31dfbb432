import factory

from mobilise.core.models import Review, ReviewComment, Reviewer, User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review round of an output, or of the object given as target= (ReviewFactory(target=output))."""

    class Meta:
        model = Review

    target = factory.SubFactory("tests.factories.outputs.OutputFactory")
    requested_by = factory.SubFactory(UserFactory)
    object_version = factory.LazyAttribute(lambda o: getattr(o.target, "version", 1))


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    review = factory.SubFactory(ReviewFactory)
    user = factory.SubFactory(UserFactory)


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewComment

    review = factory.SubFactory(ReviewFactory)
    author = factory.SubFactory(UserFactory)
    text = "Say what it costs."
