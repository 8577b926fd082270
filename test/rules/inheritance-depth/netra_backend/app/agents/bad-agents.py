from netra_backend.app.agents.base import BaseAgent


class TriageAgent(BaseAgent):
    pass


class SpecialTriageAgent(TriageAgent):
    pass
