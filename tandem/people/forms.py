from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from tandem.forms import ModelMultipleChoiceField
from tandem.people.models import (
    TIME_ZONES,
    Department,
    Interest,
    Language,
    Profile,
    ProfileSkill,
    Skill,
    SkillAlias,
    SkillCategory,
    User,
    WantedSkill,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    manager_email = forms.EmailField(
        label="Manager",
        required=False,
        help_text="Your manager's e-mail address; start typing a name to search.",
        widget=forms.EmailInput(attrs={"list": "manager-options", "autocomplete": "off"}),
    )
    time_zone = forms.ChoiceField(choices=[(z, z.replace("_", " ")) for z in TIME_ZONES])
    new_interests = forms.CharField(
        label="Add interests",
        required=False,
        help_text="Not in the list? Type new ones, separated by commas.",
    )

    class Meta:
        model = Profile
        fields = [
            "title",
            "department",
            "bio",
            "location",
            "time_zone",
            "languages",
            "years_experience",
            "seniority",
            "career_goals",
            "interests",
            "meeting_mode",
            "availability_hours",
            "hire_date",
            "birthday",
            "share_birthday",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "career_goals": forms.Textarea(attrs={"rows": 3}),
            "languages": forms.CheckboxSelectMultiple,
            "interests": forms.CheckboxSelectMultiple,
            "meeting_mode": forms.RadioSelect,
            "hire_date": DATE,
            "birthday": DATE,
        }
        field_classes = {
            "languages": ModelMultipleChoiceField,
            "interests": ModelMultipleChoiceField,
        }
        help_texts = {
            "career_goals": "Where you want to be in two or three years, in your own words.",
            "bio": "Your background: what you have done and what you know well.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["manager_email"].initial = getattr(self.instance.manager, "email", "")
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["languages"].queryset = Language.objects.order_by("name")
        self.fields["interests"].queryset = Interest.objects.order_by("name")

    def clean_manager_email(self):
        email = self.cleaned_data["manager_email"].strip().lower()
        if not email:
            return None
        manager = User.objects.filter(email__iexact=email, is_active=True).first()
        if manager is None:
            raise forms.ValidationError(f"No active person has the e-mail {email}.")
        if manager.pk == self.instance.user_id:
            raise forms.ValidationError("You cannot be your own manager.")
        chain = getattr(manager, "profile", None)
        if chain and self.instance.user_id in {m.pk for m in chain.managers_above()}:
            raise forms.ValidationError(
                f"{manager} reports to you (directly or not): this would make a loop."
            )
        return manager

    def clean_new_interests(self) -> list[str]:
        names = [n.strip() for n in self.cleaned_data["new_interests"].split(",")]
        names = [n for n in names if n]
        too_long = [n for n in names if len(n) > 60]
        if too_long:
            raise forms.ValidationError(f"“{too_long[0][:30]}…” is too long (60 characters).")
        return names

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.manager = self.cleaned_data["manager_email"]
        user = profile.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if commit:
            user.save(update_fields=["first_name", "last_name"])
            profile.save()
            self.save_m2m()
            names = self.cleaned_data["new_interests"]
            profile.interests.add(*[Interest.objects.get_or_create_by_name(n) for n in names])
        return profile


def _skill_choices():
    """Skills grouped by category for a <select> with <optgroup>s."""
    groups: dict[str, list] = {}
    for skill in Skill.objects.select_related("category").order_by("category__name", "name"):
        groups.setdefault(skill.category.name, []).append((skill.pk, skill.name))
    return [("", "Choose a skill")] + list(groups.items())


class _SkillRowForm(forms.ModelForm):
    def __init__(self, *args, skill_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = skill_choices or _skill_choices()


class ProfileSkillForm(_SkillRowForm):
    class Meta:
        model = ProfileSkill
        fields = ["skill", "level", "offers_mentoring"]


class WantedSkillForm(_SkillRowForm):
    class Meta:
        model = WantedSkill
        fields = ["skill", "target_level"]


class _NoDuplicateSkills(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        # The taxonomy is read once for all the rows, not once per row.
        if not hasattr(self, "_skill_choices"):
            self._skill_choices = _skill_choices()
        return {**super().get_form_kwargs(index), "skill_choices": self._skill_choices}

    def clean(self):
        # Name the repeated skill at its row, before Django's generic "duplicate data" message.
        seen, repeated = set(), False
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            skill = form.cleaned_data.get("skill")
            if skill is None:
                continue
            if skill.pk in seen:
                form.add_error("skill", f"You already listed {skill.name}.")
                repeated = True
            seen.add(skill.pk)
        if not repeated:
            super().clean()


MAX_SKILL_ROWS = 80

ProfileSkillFormSet = inlineformset_factory(
    Profile,
    ProfileSkill,
    form=ProfileSkillForm,
    formset=_NoDuplicateSkills,
    extra=0,
    can_delete=True,
    # A forged management form cannot make the page build thousands of rows.
    max_num=MAX_SKILL_ROWS,
    absolute_max=MAX_SKILL_ROWS,
    validate_max=True,
)
WantedSkillFormSet = inlineformset_factory(
    Profile,
    WantedSkill,
    form=WantedSkillForm,
    formset=_NoDuplicateSkills,
    extra=0,
    can_delete=True,
    # A forged management form cannot make the page build thousands of rows.
    max_num=MAX_SKILL_ROWS,
    absolute_max=MAX_SKILL_ROWS,
    validate_max=True,
)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"), required=False, empty_label="All departments"
    )
    seniority = forms.TypedChoiceField(
        choices=[("", "Any seniority")] + list(Profile._meta.get_field("seniority").choices),
        coerce=int,
        required=False,
        empty_value=None,
    )
    language = forms.ModelChoiceField(
        queryset=Language.objects.order_by("name"), required=False, empty_label="Any language"
    )
    skill = forms.CharField(label="Skill", required=False, help_text="A skill or an alias")
    offers = forms.BooleanField(label="Offers to mentor in it", required=False)

    def filter(self, profiles):
        data = self.cleaned_data
        if data.get("q"):
            profiles = profiles.search(data["q"])
        if data.get("department"):
            profiles = profiles.filter(department=data["department"])
        if data.get("seniority"):
            profiles = profiles.filter(seniority=data["seniority"])
        if data.get("language"):
            profiles = profiles.speaking(data["language"])
        if data.get("skill"):
            skills = Skill.objects.named_like(data["skill"])
            profiles = profiles.holding(skills, offering_to_mentor=data.get("offers", False))
        return profiles


class SkillForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["name", "category", "description"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Skill.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"There is already a skill called {clash.get().name}.")
        alias = SkillAlias.objects.filter(name__iexact=name).select_related("skill").first()
        if alias:
            raise forms.ValidationError(f"“{name}” is already an alias of {alias.skill.name}.")
        return name


class _AliasFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        skill_name = (self.instance.name or "").lower()
        for form in self.forms:
            name = (getattr(form, "cleaned_data", {}) or {}).get("name", "").strip()
            if not name or form.cleaned_data.get("DELETE"):
                continue
            key = name.lower()
            other = SkillAlias.objects.filter(name__iexact=key).exclude(skill=self.instance.pk)
            if key in seen or key == skill_name:
                form.add_error("name", f"“{name}” is listed twice.")
            elif other.exists() or Skill.objects.filter(name__iexact=key).exists():
                form.add_error("name", f"“{name}” is already used by another skill.")
            seen.add(key)


SkillAliasFormSet = inlineformset_factory(
    Skill,
    SkillAlias,
    fields=["name"],
    formset=_AliasFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    absolute_max=30,
    validate_max=True,
)


class SkillCategoryForm(forms.ModelForm):
    class Meta:
        model = SkillCategory
        fields = ["name"]
