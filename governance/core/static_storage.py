from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's hashed and compressed files, named by their hash with DEBUG on too.

    Django's manifest storage gives the plain name while DEBUG is on; `make run` (DEBUG on) then would
    send every file with a zero max-age, and a development page would not be served as a production one is.
    """

    def url(self, name, force=False):
        return super().url(name, force=True)
