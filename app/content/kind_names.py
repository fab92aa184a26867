"""The names of the kinds search finds, in the order their hits come in, for what must name them before the kinds
themselves are loaded (app.content.kinds, with their documents, files and forms): the `kind` parameter of the search
page and of the API, and a search hit's shape. The registry, when loaded, checks that these are its searched kinds."""

SEARCHED = ("concept", "comparison", "stack", "scenario", "question")
