import base64
import time
from functools import wraps
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from . import ratelimit, reviews, services
from .account import sections as account_sections
from .forms import NewPasswordForm, ResetRequestForm, ReviewCommentForm, SignInForm, TokenForm
from .models import User

PENDING_USER = "pending_2fa_user"
PENDING_AT = "pending_2fa_at"
PENDING_SECONDS = 300
KNOWN_COOKIE = "mobilise_known"
KNOWN_AGE = 180 * 24 * 3600
WRONG_CODE = "The security code is not right. Check your authenticator app and try again."


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST":
        email, ip = request.POST.get("username", ""), ratelimit.client_ip(request)
        known = _known_browser(request, email)
        if services.sign_in_attempt(email=email, ip=ip, known_browser=known):
            return _too_many(request, SignInForm(request), "core/login.html", next=_next_url(request))
        if form.is_valid():
            user = form.get_user()
            services.sign_in_succeeded(email=email, known_browser=known)
            if services.confirmed_device(user) or services.must_enrol(user):
                request.session.cycle_key()
                request.session[PENDING_USER] = user.pk
                request.session[PENDING_AT] = time.time()
                request.session["pending_next"] = _next_url(request)
                return redirect("login-verify" if services.confirmed_device(user) else "login-enrol")
            login(request, user)
            return _remember_sign_in(request, redirect(_next_url(request)), user)
        services.sign_in_failed(ip=ip)
    return render(request, "core/login.html", {"form": form, "next": request.GET.get("next", "")})


def _known_browser(request, email):
    """Whether this browser has signed in to this account before (a signed cookie naming the account)."""
    try:
        names = signing.loads(request.COOKIES.get(KNOWN_COOKIE, ""), salt=KNOWN_COOKIE, max_age=KNOWN_AGE)
    except signing.BadSignature:
        return False
    return isinstance(names, list) and ratelimit.identity(email) in names


def _remember_sign_in(request, response, user):
    try:
        names = signing.loads(request.COOKIES.get(KNOWN_COOKIE, ""), salt=KNOWN_COOKIE, max_age=KNOWN_AGE)
    except signing.BadSignature:
        names = []
    name = ratelimit.identity(user.email)
    names = [name, *(n for n in names if n != name)][:5] if isinstance(names, list) else [name]
    response.set_cookie(
        KNOWN_COOKIE,
        signing.dumps(names, salt=KNOWN_COOKIE),
        max_age=KNOWN_AGE,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )
    return response


def _too_many(request, form, template, **context):
    minutes = settings.LOGIN_FAILURE_WINDOW_MINUTES
    form.refuse(f"Too many attempts to sign in. Wait {minutes} minutes, then try again.")
    return render(request, template, {"form": form, **context}, status=429)


def _pending_user(request):
    """The user who gave the right password in this session in the last few minutes and has a second step to do."""
    started = request.session.get(PENDING_AT, 0)
    user = User.objects.filter(pk=request.session.get(PENDING_USER), is_active=True).first()
    if user is None or time.time() - started > PENDING_SECONDS:
        request.session.pop(PENDING_USER, None)
        return None
    return user


def _second_step(request, user, check, template, **context):
    """The code step of sign-in: throttled like the password; check(token) returns the verified device or None."""
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        known = _known_browser(request, user.email)
        if services.sign_in_attempt(email=user.email, ip=ip, known_browser=known):
            request.session.pop(PENDING_USER, None)
            return _too_many(request, TokenForm(), template, **context)
        device = check(form.cleaned_data["token"]) if form.is_valid() else None
        if device is not None:
            target = request.session.pop("pending_next", None) or reverse(settings.LOGIN_REDIRECT_URL)
            request.session.pop(PENDING_USER, None)
            services.sign_in_succeeded(email=user.email, known_browser=known)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            return _remember_sign_in(request, redirect(target), user)
        services.sign_in_failed(ip=ip)
        if form.is_valid():
            form.add_error("token", WRONG_CODE)
    return render(request, template, {"form": form, **context})


def _second_step_page(view):
    """A page of sign-in's second step, for the user who gave the right password in this session in the last few
    minutes (passed to the view); anyone else goes back to sign in."""

    @never_cache
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def page(request):
        user = _pending_user(request)
        if user is None:
            return redirect("login")
        return view(request, user)

    return page


@_second_step_page
def sign_in_verify(request, user):
    """Second step of sign-in for accounts with two-factor authentication."""
    device = services.confirmed_device(user)
    if device is None:
        return redirect("login-enrol" if services.must_enrol(user) else "login")

    def check(token):
        return device if device.verify_token(token) else None

    return _second_step(request, user, check, "core/login_verify.html")


@_second_step_page
def sign_in_enrol(request, user):
    """Second step of the first sign-in for advisers and administrators: set up an authenticator app."""
    if services.confirmed_device(user) is not None:
        return redirect("login-verify")
    pending = services.pending_device(user) or services.start_two_factor(user=user)

    def check(token):
        return services.confirm_two_factor(user=user, token=token)

    return _second_step(
        request,
        user,
        check,
        "core/login_enrol.html",
        qr=_qr_svg(pending.config_url),
        secret=base64.b32encode(pending.bin_key).decode(),
    )


@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("login")
    if not request.user.is_authenticated:
        return redirect("login")
    return render(request, "core/logout.html")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "core/password_reset.html"
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-sent")
    extra_email_context = {"site_name": settings.SITE_NAME}

    def form_valid(self, form):
        ip, email = ratelimit.client_ip(self.request), ratelimit.identity(form.cleaned_data["email"])
        if ratelimit.exceeded("reset-ip", ip, limit=10, minutes=60):
            form.add_error(None, "Too many requests to reset a password. Wait an hour, then try again.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        ratelimit.record("reset-ip", ip)
        if ratelimit.exceeded("reset-email", email, limit=3, minutes=60):
            # Same answer as usual, so the page reveals nothing; the inbox just gets no more emails.
            return redirect(self.get_success_url())
        ratelimit.record("reset-email", email)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")


def _qr_svg(uri):
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    device = services.confirmed_device(user)
    action = request.POST.get("action")
    if action and not user.is_team_staff:
        raise Http404
    form = TokenForm(request.POST if action in ("confirm", "turn-off") else None)
    pending = None
    if action == "start" and device is None:
        pending = services.start_two_factor(user=user)
    elif action == "confirm" and device is None:
        pending = services.pending_device(user)
        if pending is None:
            return redirect("account")
        if form.is_valid():
            if confirmed := services.confirm_two_factor(user=user, token=form.cleaned_data["token"]):
                otp_login(request, confirmed)  # this session is the one that proved the code
                messages.success(request, "Two-factor authentication is on. You will need a code to sign in.")
                return redirect("account")
            form.add_error("token", WRONG_CODE)
    elif action == "turn-off" and services.must_keep_two_factor(user):
        raise Http404
    elif action == "turn-off" and device is not None and form.is_valid():
        if services.turn_off_two_factor(user=user, token=form.cleaned_data["token"]):
            messages.success(request, "Two-factor authentication is off.")
            return redirect("account")
        form.add_error("token", WRONG_CODE)
    context = {
        "device": device,
        "can_use_2fa": user.is_team_staff,
        "can_turn_off": not services.must_keep_two_factor(user),
        "form": form,
        "pending": pending,
        "sections": account_sections(request),
    }
    if pending is not None:
        context["qr"] = _qr_svg(pending.config_url)
        context["secret"] = base64.b32encode(pending.bin_key).decode()
    return render(request, "core/account.html", context)


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def accessibility(request):
    return render(request, "core/accessibility.html")


def form_page(request, template, form, **context):
    """A page of one form: 400 when a posted form comes back with its errors, so a client sees it was refused."""
    return render(request, template, {"form": form, **context}, status=400 if form.is_bound else 200)


def send_for_review(request, obj, form_class, send, error):
    """The "send for review" form every reviewable object shares (its review then runs on the review page below).
    The form offers whoever may review `obj`; a valid post calls `send(reviewers=..., message=...)`, and the `error`
    class it may raise is shown on the form. Returns the form and whether it was sent (the caller redirects)."""
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, choices=reviews.choices_for(obj, request.user))
    if not (posted and form.is_valid()):
        return form, False
    try:
        send(**form.cleaned_data)
    except error as refused:
        form.add_error(None, str(refused))
        return form, False
    names = ", ".join(str(u) for u in form.cleaned_data["reviewers"])
    messages.success(request, f"Sent for review to {names}. They have been emailed a link to the review.")
    return form, True


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    """The page a reviewer is sent to: the object's sections, comments by section, and the reviewer's decision.
    Who may see it, and what the sections are, come from the object's adapter (core/reviews.py)."""
    item, obj, adapter = reviews.get_review(request.user, pk)
    sections = adapter.sections(obj)
    form = ReviewCommentForm(sections=sections)
    action = request.POST.get("action")
    if request.method == "POST":
        try:
            if action == "comment":
                form = ReviewCommentForm(request.POST, sections=sections)
                if form.is_valid():
                    reviews.comment(review=item, obj=obj, by=request.user, **form.cleaned_data)
                    messages.success(request, "Comment added.")
                    return redirect("review", pk=item.pk)
            else:
                decided = reviews.decide(review=item, obj=obj, by=request.user, decision=action or "")
                mine = decided.reviewers.get(user=request.user).get_decision_display()
                messages.success(request, f"Your decision is recorded: {mine.lower()}.")
                return redirect("review", pk=item.pk)
        except reviews.ReviewError as error:
            messages.error(request, str(error))
            return redirect("review", pk=item.pk)
    return render(
        request,
        "core/review.html",
        {
            "review": item,
            "obj": obj,
            "adapter": adapter,
            "title": adapter.title(obj),
            "object_url": adapter.url(obj),
            "current": item.object_version == adapter.version(obj),
            "by_section": reviews.comments_by_section(item, sections),
            "form": form,
            "may_decide": reviews.is_reviewer(item, request.user) and item.state in reviews.DECIDABLE,
            "is_author": request.user.pk in reviews.authors_of(obj, item),
            "may_comment": adapter.can_request(request.user, obj) or reviews.is_reviewer(item, request.user),
            "nav": "projects",
        },
    )
