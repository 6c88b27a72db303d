"""The lineage: who mentored whom, across cohorts and programs, drawn as generations.

A person's generation is how many mentoring steps lead down to them: the people nobody in view
mentored are generation 0, their mentees 1, those mentees' own mentees 2, and so on (a longest
path, so a chain is never drawn upwards). NetworkX builds the graph, folds the rare loops
(reverse mentoring: A mentors B, later B mentors A) into one generation, and layers it; the
order inside each generation comes from a few barycentre sweeps, which keep mentors above
their mentees and lines from crossing more than they must. The page draws the result as SVG.

Who sees what (permissions.py): a program's admins see the lines of the programs they run;
a participant sees their own line — their mentors above them, their mentees below, and their
peers beside them."""

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from django.db.models import Q

from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.programs.models import Program

# Mentoring that happened (or is happening); proposals and declined ones are no lineage.
LINEAGE_STATUSES = (
    MentorshipStatus.ACTIVE,
    MentorshipStatus.PAUSED,
    MentorshipStatus.COMPLETED,
    MentorshipStatus.ENDED,
)
MAX_PEOPLE = 400  # beyond this a drawing is unreadable: the page asks for one program

NODE_WIDTH, NODE_HEIGHT = 164, 44
GAP_X, GAP_Y, MARGIN = 20, 76, 24
SWEEPS = 6


@dataclass
class LineagePerson:
    id: int
    name: str
    generation: int = 0
    x: float = 0
    y: float = 0
    is_viewer: bool = False
    mentored: int = 0  # how many people they mentored (in view)

    @property
    def label(self) -> str:
        return self.name if len(self.name) <= 22 else self.name[:21] + "…"

    @property
    def centre_x(self) -> float:
        return self.x + NODE_WIDTH / 2


@dataclass
class LineageLine:
    mentorship_id: int
    mentor_id: int
    mentee_id: int
    mutual: bool
    status: str
    status_label: str
    program: str
    program_id: int
    started: object
    mentor_name: str = ""
    mentee_name: str = ""
    highlighted: bool = True
    linked: bool = False  # the viewer may open the mentorship
    path: str = ""


@dataclass
class Lineage:
    people: dict[int, LineagePerson] = field(default_factory=dict)
    lines: list[LineageLine] = field(default_factory=list)
    width: float = 0
    height: float = 0
    too_many: bool = False

    @property
    def generations(self) -> int:
        return 1 + max((p.generation for p in self.people.values()), default=-1)

    def person(self, person_id: int) -> LineagePerson:
        return self.people[person_id]

    def rows(self) -> list[tuple[LineagePerson, LineagePerson, LineageLine]]:
        """The same lines as a table: mentor, mentee, the mentorship, oldest first."""
        ordered = sorted(self.lines, key=lambda line: (line.started is None, line.started or 0))
        return [(self.people[i.mentor_id], self.people[i.mentee_id], i) for i in ordered]


# --- which lines a viewer sees ----------------------------------------------------------------


def _lines_queryset():
    return Mentorship.objects.filter(status__in=LINEAGE_STATUSES).select_related(
        "program", "mentor", "mentee"
    )


def program_lineage(*, programs, focus: Program | None = None) -> list[Mentorship]:
    """For admins: every line in the programs they run; with a focus program, its lines and
    the lines that lead into and out of it (who mentored its people before, whom its
    mentees mentored after) within those programs."""
    scope = _lines_queryset().filter(program__in=programs)
    if focus is None:
        return list(scope)
    own = list(scope.filter(program=focus))
    people = {m.mentor_id for m in own} | {m.mentee_id for m in own}
    return own + _walk(scope.exclude(program=focus), people)


def personal_lineage(*, person) -> list[Mentorship]:
    """For a participant: their own line, above and below them, and their peers."""
    scope = _lines_queryset()
    peers = list(scope.filter(Q(mentor=person) | Q(mentee=person), kind="mutual"))
    return peers + _walk(scope, {person.pk})


def _walk(scope, start: set[int]) -> list[Mentorship]:
    """Follow mentors upwards and mentees downwards from `start`, a generation a query
    (peers are beside a line, not on it: mutual mentorships are not followed)."""
    found: dict[int, Mentorship] = {}
    for column, other in (("mentee", "mentor"), ("mentor", "mentee")):
        frontier, seen = set(start), set(start)
        while frontier:
            step = scope.filter(**{f"{column}__in": frontier}).exclude(pk__in=list(found))
            rows = list(step.exclude(kind="mutual"))
            found.update((m.pk, m) for m in rows)
            frontier = {getattr(m, f"{other}_id") for m in rows} - seen
            seen |= frontier
    return list(found.values())


# --- the drawing ------------------------------------------------------------------------------


def lineage_draw(
    mentorships: list[Mentorship], *, viewer=None, focus: Program | None = None, can_open=None
) -> Lineage:
    """Lay the lines out in generations and compute every box and curve of the drawing."""
    lineage = Lineage()
    for mentorship in {m.pk: m for m in mentorships}.values():
        for person in mentorship.people():
            lineage.people.setdefault(person.pk, LineagePerson(person.pk, str(person)))
        lineage.lines.append(_line(mentorship, focus, can_open))
    if len(lineage.people) > MAX_PEOPLE:
        lineage.too_many = True
        return lineage
    if viewer is not None and viewer.pk in lineage.people:
        lineage.people[viewer.pk].is_viewer = True
    for line in lineage.lines:
        if not line.mutual:
            lineage.people[line.mentor_id].mentored += 1
    layers = _generations(lineage)
    _place(lineage, _order(layers, lineage.lines))
    for line in lineage.lines:
        line.path = _curve(lineage.people[line.mentor_id], lineage.people[line.mentee_id], line)
    return lineage


def _line(mentorship: Mentorship, focus, can_open) -> LineageLine:
    return LineageLine(
        mentorship_id=mentorship.pk,
        mentor_id=mentorship.mentor_id,
        mentee_id=mentorship.mentee_id,
        mutual=mentorship.is_mutual,
        status=mentorship.status,
        status_label=mentorship.get_status_display(),
        program=mentorship.program.name,
        program_id=mentorship.program_id,
        started=mentorship.started_at,
        mentor_name=str(mentorship.mentor),
        mentee_name=str(mentorship.mentee),
        highlighted=focus is None or mentorship.program_id == focus.pk,
        linked=bool(can_open and can_open(mentorship)),
    )


def _generations(lineage: Lineage) -> list[list[int]]:
    graph = nx.DiGraph()
    graph.add_nodes_from(lineage.people)
    graph.add_edges_from((i.mentor_id, i.mentee_id) for i in lineage.lines if not i.mutual)
    folded = nx.condensation(graph)  # loops (A mentored B, B later mentored A) become one
    layers: list[list[int]] = []
    for depth, members in enumerate(nx.topological_generations(folded)):
        people = sorted(
            (p for group in members for p in folded.nodes[group]["members"]),
            key=lambda pk: lineage.people[pk].name,
        )
        for pk in people:
            lineage.people[pk].generation = depth
        layers.append(people)
    return layers


def _order(layers: list[list[int]], lines: list[LineageLine]) -> list[list[int]]:
    """Barycentre sweeps: each person moves towards the mean position of their partners."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for line in lines:
        neighbours[line.mentor_id].add(line.mentee_id)
        neighbours[line.mentee_id].add(line.mentor_id)
    position = {pk: float(i) for layer in layers for i, pk in enumerate(layer)}
    sweep = list(range(1, len(layers))) + list(range(len(layers) - 2, -1, -1))
    for _ in range(SWEEPS):
        for depth in sweep:
            layer = layers[depth]
            layer.sort(key=lambda pk: _barycentre(pk, neighbours, position))
            for i, pk in enumerate(layer):
                position[pk] = float(i)
    return layers


def _barycentre(pk: int, neighbours: dict[int, set[int]], position: dict[int, float]) -> float:
    around = [position[n] for n in neighbours[pk] if n in position]
    return sum(around) / len(around) if around else position[pk]


def _place(lineage: Lineage, layers: list[list[int]]) -> None:
    """Each generation in its row; each person as near as the row allows to the middle of the
    people they are linked to: down the rows (mentees under their mentor), back up (mentors
    over their mentees), and down once more."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for line in lineage.lines:
        neighbours[line.mentor_id].append(line.mentee_id)
        neighbours[line.mentee_id].append(line.mentor_id)
    depth_of = {pk: depth for depth, layer in enumerate(layers) for pk in layer}
    x = {pk: i * (NODE_WIDTH + GAP_X) for layer in layers for i, pk in enumerate(layer)}
    down, up = range(1, len(layers)), range(len(layers) - 2, -1, -1)
    for passes, toward in ((down, -1), (up, 1), (down, -1)):
        for depth in passes:
            for pk in layers[depth]:
                linked = [x[n] for n in neighbours[pk] if depth_of[n] - depth_of[pk] == toward]
                if linked:
                    x[pk] = sum(linked) / len(linked)
            _spread(layers[depth], x)
    left = min(x.values(), default=0)
    for depth, layer in enumerate(layers):
        for pk in layer:
            lineage.people[pk].x = MARGIN + x[pk] - left
            lineage.people[pk].y = MARGIN + depth * (NODE_HEIGHT + GAP_Y)
    lineage.width = 2 * MARGIN + NODE_WIDTH + max(x.values(), default=0) - left
    lineage.height = 2 * MARGIN + len(layers) * NODE_HEIGHT + max(len(layers) - 1, 0) * GAP_Y


def _spread(layer: list[int], x: dict[int, float]) -> None:
    """Keep the row's order and push boxes apart where they would overlap, then centre the
    row on where its people wanted to be."""
    layer.sort(key=lambda pk: x[pk])
    wanted = [x[pk] for pk in layer]
    step = NODE_WIDTH + GAP_X
    for i in range(1, len(layer)):
        x[layer[i]] = max(x[layer[i]], x[layer[i - 1]] + step)
    drift = sum(x[pk] for pk in layer) / len(layer) - sum(wanted) / len(wanted) if layer else 0
    for pk in layer:
        x[pk] -= drift


def _curve(mentor: LineagePerson, mentee: LineagePerson, line: LineageLine) -> str:
    """A mentor's line leaves the bottom of their box for the top of the mentee's; people of
    one generation (peers, or a loop folded together) are joined by an arc above their boxes."""
    if mentor.generation == mentee.generation:
        x1, x2, y = mentor.centre_x, mentee.centre_x, mentor.y
        lift = min(GAP_Y * 0.45, 16 + abs(x2 - x1) / 8)
        return (
            f"M{x1:.0f},{y:.0f} C{x1:.0f},{y - lift:.0f} {x2:.0f},{y - lift:.0f} {x2:.0f},{y:.0f}"
        )
    upper, lower = (mentor, mentee) if mentor.y <= mentee.y else (mentee, mentor)
    x1, y1 = upper.centre_x, upper.y + NODE_HEIGHT
    x2, y2 = lower.centre_x, lower.y
    bend = (y2 - y1) / 2
    return (
        f"M{x1:.0f},{y1:.0f} C{x1:.0f},{y1 + bend:.0f} {x2:.0f},{y2 - bend:.0f} {x2:.0f},{y2:.0f}"
    )
