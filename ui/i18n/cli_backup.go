package i18n

// BackupText is what crieur backup says.
type BackupText struct {
	Summary, Usage                  string
	TooMany, NoData, Exists, Failed string
	// While the desk holds the data file, crieur backup asks it: the
	// desk's answer, or why it gave none.
	NotAbsolute, NoAnswer, BadAnswer, DeskSilent, NoneYet string
}

var backupEN = BackupText{
	Summary: "copy the data file to a backup",
	Usage: `Usage: crieur backup [PATH]

Copies the data file, consistently, to PATH, and prints where the copy is.
Without PATH the copy goes to the backups folder beside the data file, as
backups/crieur-YYYY-MM-DD-HHMMSS.db; these copies are never rotated away
(the desk's daily ones, crieur-YYYY-MM-DD.db, keep the last 7). A backup
never replaces a file: PATH must not exist, and is never written through
a symbolic link.

While the desk is open it holds the data file: crieur backup then asks the
desk, which makes the copy itself, while it keeps working.

To restore a backup, close the desk and copy the backup over the data file.
`,
	TooMany: "backup takes at most one PATH; run 'crieur backup -h' for help",
	NoData:  "there is no data file at %s yet: nothing to back up",
	Exists:  "%s already exists; name another file",
	Failed:  "the backup could not be written; the data file is untouched: %w",

	NotAbsolute: "a backup request names an absolute path",
	NoAnswer:    "the desk did not answer: %v",
	BadAnswer:   "the desk's answer: %v",
	DeskSilent:  "%s is held by a crieur that does not answer backup requests (%v); if it is the desk, quit it and run crieur backup again (the desk copies the file into %s each day it opens; the latest: %s)",
	NoneYet:     "none yet",
}

var backupFR = BackupText{
	Summary: "copie le fichier de données dans une sauvegarde",
	Usage: `Usage : crieur backup [CHEMIN]

Copie le fichier de données, dans un état cohérent, vers CHEMIN, et
affiche où se trouve la copie. Sans CHEMIN, la copie va dans le dossier
des sauvegardes voisin du fichier de données, sous le nom
backups/crieur-AAAA-MM-JJ-HHMMSS.db ; ces copies ne sont jamais effacées
(des copies quotidiennes du bureau, crieur-AAAA-MM-JJ.db, il garde les 7
dernières). Une sauvegarde ne remplace jamais un fichier : CHEMIN ne doit
pas exister, et n’est jamais écrit à travers un lien symbolique.

Tant que le bureau est ouvert, il tient le fichier de données : crieur
backup le lui demande alors, et le bureau fait la copie lui-même, sans
s’interrompre.

Pour restaurer une sauvegarde, fermez le bureau et copiez la sauvegarde
à la place du fichier de données.
`,
	TooMany: "backup prend au plus un CHEMIN ; « crieur backup -h » donne l’aide",
	NoData:  "pas encore de fichier de données à %s : rien à sauvegarder",
	Exists:  "%s existe déjà : choisissez un autre nom",
	Failed:  "la sauvegarde n’a pas pu être écrite ; le fichier de données n’a pas été touché : %w",

	NotAbsolute: "une demande de sauvegarde nomme un chemin absolu",
	NoAnswer:    "le bureau n’a pas répondu : %v",
	BadAnswer:   "réponse du bureau : %v",
	DeskSilent:  "%s est tenu par un crieur qui ne répond pas aux demandes de sauvegarde (%v) ; si c’est le bureau, quittez-le et relancez crieur backup (le bureau copie le fichier dans %s chaque jour où il s’ouvre ; la dernière copie : %s)",
	NoneYet:     "aucune pour l’instant",
}

// VersionText is what crieur version says.
type VersionText struct {
	Summary, Usage                    string
	NoArgs, Unknown, Modified, Schema string
}

var versionEN = VersionText{
	Summary: "show the versions of crieur, Go and the data file's schema",
	Usage: `Usage: crieur version

Shows the version of crieur, the Go version it was built with, and the
schema version of the data files it writes (it reads files up to it).
`,
	NoArgs:   "version takes no arguments",
	Unknown:  "(unknown)",
	Modified: ", modified",
	Schema:   "schema %d",
}

var versionFR = VersionText{
	Summary: "les versions de crieur, de Go et du schéma du fichier de données",
	Usage: `Usage : crieur version

Affiche la version de crieur, la version de Go qui l’a compilé, et la
version du schéma des fichiers de données qu’il écrit (il lit les
fichiers jusqu’à celle-ci).
`,
	NoArgs:   "version ne prend pas d’argument",
	Unknown:  "(inconnue)",
	Modified: ", modifiée",
	Schema:   "schéma %d",
}
