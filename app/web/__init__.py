"""The HTML pages for learners: one router per area, listed in `routers` in the order they are matched."""

from app.web import calculators, compare, concepts, home, problems, scenarios, search, stacks

routers = [home.router, concepts.router, compare.router, stacks.router, calculators.router, scenarios.router,
           search.router, problems.router]
