"""Static files in production: WhiteNoise's compressed, hashed copies."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    def keep(pattern) -> bool:
        text = pattern[0] if isinstance(pattern, tuple) else pattern
        return "sourceMappingURL" not in text

    return tuple((kind, tuple(p for p in found if keep(p))) for kind, found in patterns)


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Like WhiteNoise's, but leaves `sourceMappingURL` comments alone: vendored minified files
    (Chart.js) name source maps they do not ship, which would stop `collectstatic`."""

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
