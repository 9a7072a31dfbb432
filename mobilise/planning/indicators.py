"""Which logic-model elements have an indicator, for the model review.

Planning sits below the evaluation app, so it cannot import it; instead evaluation registers a provider in its
AppConfig.ready(). A provider is called as provider(model) and returns the keys (as text) of the model's elements
that have an indicator, in a fixed number of queries. With no provider registered, element_keys returns None and
the review does not report outcomes without an indicator.
"""

_providers = []
_fix_urls = []


def register(provider, fix_url=None):
    """fix_url(project, element), when given, is where to add an indicator for the element."""
    if provider not in _providers:
        _providers.append(provider)
        if fix_url is not None:
            _fix_urls.append(fix_url)
    return provider


def fix_url(project, element):
    return _fix_urls[0](project, element) if _fix_urls else None


def element_keys(model):
    if not _providers:
        return None
    if model.pk is None:
        return set()
    keys = set()
    for provider in _providers:
        keys |= set(provider(model))
    return keys
