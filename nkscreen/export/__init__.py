"""Sending signed screenings to a site's EDC and keeping GCP's screening log (Qt-free).

- :mod:`selection`: which records go out (the newest signed version of each screening by
  default) and why the others stay behind;
- :mod:`redcap`: a REDCap data dictionary generated from the protocol and an import file;
- :mod:`fhir`: an R4 Questionnaire, a QuestionnaireResponse per record and a Provenance per
  signature, in one Bundle;
- :mod:`screening_log`: the subject screening log with its totals (CSV here; the PDF is drawn
  by :mod:`nkscreen.report.log_render`);
- :mod:`imports`: the way back, a REDCap row or a QuestionnaireResponse read as a case.

Nothing here uses the network: every export is a file the site uploads itself.
"""
