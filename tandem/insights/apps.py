from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "tandem.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self):
        # The dashboard's parts built on meetings and growth (more_figures.py): listed once,
        # with the headings of their tables' first column.
        from tandem.insights import figures, more_figures

        for part in (more_figures.meeting_figures, more_figures.goal_figures):
            if part not in figures.MORE_FIGURES:
                figures.MORE_FIGURES.append(part)
        figures.ROW_HEADINGS.update(more_figures.ROW_HEADINGS)
