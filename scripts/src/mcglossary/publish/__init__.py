"""Publishing as linked data: content negotiation, the DCAT catalogue and CSV, the VocPub view, releases, links."""
