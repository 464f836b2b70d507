package i18n

// CrashText is what crieur says when it stops on an error of its own: one
// line on the terminal, and the opening of the report it writes beside the
// data file.
type CrashText struct {
	// Line says where the report is; its argument is the report's path.
	Line string
	// Head opens the report, before its technical part; Typing follows
	// it when the desk was open.
	Head, Typing string
}

var crashFR = CrashText{
	Line: "crieur s’est arrêté sur une erreur interne\u202f; les données sont telles qu’avant. Rapport\u202f: %s\n",
	Head: "crieur s’est arrêté sur une erreur interne. Le fichier de données est tel qu’avant l’erreur.\n" +
		"Envoyez ce rapport à qui s’occupe de crieur\u202f: il dit où l’erreur est survenue et ce que montrait l’écran.\n",
	Typing: "Ce qui était tapé, à quelques secondes près, est gardé dans la copie de travail, proposée à la prochaine ouverture de la publication.\n",
}

var crashEN = CrashText{
	Line: "crieur stopped on an internal error; the data is as it was. Report: %s\n",
	Head: "crieur stopped on an internal error. The data file is as it was before the error.\n" +
		"Send this report to whoever looks after crieur: it says where the error happened and what the screen showed.\n",
	Typing: "What was being typed, but for the last few seconds, is kept in the working copy, offered the next time the post is opened.\n",
}
