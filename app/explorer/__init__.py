"""View logic the pages and the JSON API share: the stack explorer, scenario playback, the calculators."""
