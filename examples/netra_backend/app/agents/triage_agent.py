"""Triage: routes a request to the right agent."""
from netra_backend.app.agents.base_agent import BaseAgent


class TriageAgent(BaseAgent):
    def route(self, request):
        return request.get("kind", "default")
