from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tandem.people import permissions
from tandem.people.forms import (
    DirectoryFilterForm,
    ProfileForm,
    ProfileSkillFormSet,
    SkillAliasFormSet,
    SkillCategoryForm,
    SkillForm,
    WantedSkillFormSet,
)
from tandem.people.models import Profile, ProfileSkill, Skill, User
from tandem.people.services import profile_get_or_create, profile_update
from tandem.people.views_import import people_export, people_import  # noqa: F401

PRIVATE_FIELDS = ("birthday", "share_birthday")


def _get_person_for_user(viewer, user_id: int) -> User:
    person = get_object_or_404(User, pk=user_id, is_active=True)
    if not permissions.can_view_profile(viewer, person):
        raise Http404
    return person


@login_required
@require_GET
def profile(request, user_id):
    person = _get_person_for_user(request.user, user_id)
    profile = profile_get_or_create(user=person)
    skills = profile.skills.select_related("skill", "skill__category")
    return render(
        request,
        "people/profile.html",
        {
            "person": person,
            "profile": profile,
            "skills": skills,
            "expertise": [s for s in skills if s.offers_mentoring],
            "wanted": profile.wanted_skills.select_related("skill"),
            "show_private": permissions.can_view_private_fields(request.user, person),
            "can_edit": permissions.can_edit_profile(request.user, person),
            "local_time": timezone.localtime(timezone=_zone(profile.time_zone)),
            "reports": Profile.objects.filter(manager=person).select_related("user")[:20],
        },
    )


def _zone(name: str):
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    return _edit(request, profile_get_or_create(user=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit_other(request, user_id):
    person = _get_person_for_user(request.user, user_id)
    if not permissions.can_edit_profile(request.user, person):
        raise PermissionDenied
    return _edit(request, profile_get_or_create(user=person))


def _edit(request, profile: Profile):
    data = request.POST or None
    form = ProfileForm(data, instance=profile)
    if not permissions.can_view_private_fields(request.user, profile.user):
        # An admin editing someone's profile neither sees nor changes their private fields.
        for name in PRIVATE_FIELDS:
            del form.fields[name]
    skills = ProfileSkillFormSet(data, instance=profile, prefix="skills")
    wanted = WantedSkillFormSet(data, instance=profile, prefix="wanted")
    if request.method == "POST" and all(f.is_valid() for f in (form, skills, wanted)):
        profile_update(profile_form=form, skills_formset=skills, wanted_formset=wanted)
        messages.success(request, "Profile saved.")
        if profile.user_id == request.user.pk:
            return redirect("people:profile_edit")
        return redirect("people:profile", user_id=profile.user_id)
    return render(
        request,
        "people/profile_edit.html",
        {"form": form, "skills": skills, "wanted": wanted, "profile": profile},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def skill_search(request):
    """The skill picker's matches: by name or alias, with the alias that matched."""
    text = request.GET.get("q", "").strip()
    matches = []
    if len(text) >= 2:
        skills = (
            Skill.objects.filter(Q(name__icontains=text) | Q(aliases__name__icontains=text))
            .select_related("category")
            .prefetch_related("aliases")
            .distinct()
            .order_by("name")[:12]
        )
        matches = [_skill_match(skill, text.lower()) for skill in skills]
    return render(
        request,
        "people/_skill_matches.html",
        {"matches": matches, "q": text, "kind": request.GET.get("kind", "skills")},
    )


def _skill_match(skill: Skill, text: str) -> dict:
    """A match, with the alias that matched when the name itself did not."""
    if text in skill.name.lower():
        return {"skill": skill, "alias": ""}
    alias = next((a.name for a in skill.aliases.all() if text in a.name.lower()), "")
    return {"skill": skill, "alias": alias}


@login_required
@require_GET
def skill_row(request):
    """One new row of the skills (or wanted skills) formset, the skill already chosen."""
    kind = "wanted" if request.GET.get("kind") == "wanted" else "skills"
    skill_id = request.GET.get("skill", "")
    if not skill_id.isdigit() or len(skill_id) > 18:
        raise Http404("No such skill.")
    skill = get_object_or_404(Skill, pk=skill_id)
    try:
        # The new row's index is the formset's current TOTAL_FORMS (sent by hx-include).
        index = max(0, int(request.GET.get("index") or request.GET.get(f"{kind}-TOTAL_FORMS", "0")))
    except ValueError:
        index = 0
    formset_class = WantedSkillFormSet if kind == "wanted" else ProfileSkillFormSet
    formset = formset_class(prefix=kind, instance=Profile())
    form = formset._construct_form(index, initial={"skill": skill.pk})
    return render(request, "people/_skill_row.html", {"form": form, "kind": kind})


@login_required
@require_GET
def person_search(request):
    """<option>s for the manager picker: colleagues whose name or e-mail matches."""
    text = request.GET.get("manager_email", request.GET.get("q", "")).strip()
    people = User.objects.none()
    if len(text) >= 2:
        people = User.objects.filter(is_active=True).filter(
            Q(first_name__icontains=text) | Q(last_name__icontains=text) | Q(email__icontains=text)
        )[:10]
    return render(request, "people/_person_options.html", {"people": people})


@login_required
@require_GET
def directory(request):
    permissions.require_people_admin(request.user)
    form = DirectoryFilterForm(request.GET or None)
    profiles = Profile.objects.select_related("user", "department", "manager").filter(
        user__is_active=True
    )
    if form.is_valid():
        profiles = form.filter(profiles)
    profiles = profiles.prefetch_related(
        Prefetch(
            "skills",
            queryset=ProfileSkill.objects.select_related("skill").order_by("-level"),
        )
    ).order_by("user__last_name", "user__first_name")
    page = Paginator(profiles, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "people/_directory_results.html" if request.htmx else "people/directory.html"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})


@login_required
@require_GET
def skill_list(request):
    permissions.require_people_admin(request.user)
    text = request.GET.get("q", "").strip()
    skills = Skill.objects.select_related("category").prefetch_related("aliases")
    if text:
        skills = skills.filter(Q(name__icontains=text) | Q(aliases__name__icontains=text))
    categories: dict = {}
    for skill in skills.distinct().order_by("category__name", "name"):
        categories.setdefault(skill.category, []).append(skill)
    return render(
        request,
        "people/skills.html",
        {"categories": categories, "q": text, "category_form": SkillCategoryForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def skill_edit(request, pk=None):
    permissions.require_people_admin(request.user)
    skill = get_object_or_404(Skill, pk=pk) if pk else Skill()
    form = SkillForm(request.POST or None, instance=skill)
    aliases = SkillAliasFormSet(request.POST or None, instance=skill, prefix="aliases")
    if request.method == "POST" and form.is_valid() and aliases.is_valid():
        try:
            with transaction.atomic():
                skill = form.save()
                aliases.instance = skill
                aliases.save()
        except IntegrityError:
            form.add_error("name", "This name or one of the aliases is already taken.")
        else:
            messages.success(request, f"{skill.name} saved.")
            return redirect("people:skills")
    return render(
        request,
        "people/skill_form.html",
        {"form": form, "aliases": aliases, "skill": skill},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["POST"])
def category_create(request):
    permissions.require_people_admin(request.user)
    form = SkillCategoryForm(request.POST)
    if form.is_valid():
        category = form.save()
        messages.success(request, f"Category {category.name} added.")
    else:
        messages.error(request, f"Category not added: {' '.join(form.errors.get('name', []))}")
    return redirect("people:skills")
