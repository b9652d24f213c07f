"""Electronic dossier (电子卷宗): the documents of a case, their versions, hashes and text."""
