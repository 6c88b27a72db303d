"""Program dashboards, outcome reports and exports."""
