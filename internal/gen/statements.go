package gen

// statement is one thing an official says, in three wordings (outlets that
// report independently word a quote differently), as reported speech, and
// as a partial quote set inside a sentence of the outlet's own.
type statement struct {
	direct   [3]string
	indirect string // follows "said that"
	partial  string // with {P} for the speaker and the quoted words in marks
}

var statements = []statement{
	{direct: [3]string{"We will keep searching until every family has an answer", "The search goes on, and it will go on until every family knows what happened", "Nobody is giving up, we keep looking until everyone is accounted for"},
		indirect: "the search would continue until everyone was accounted for",
		partial:  `{P} promised that rescuers would keep going "until every family has an answer".`},
	{direct: [3]string{"I have never seen destruction on this scale in {town}", "Nothing in my lifetime compares to what has happened to {town}", "The damage here is beyond anything we have seen"},
		indirect: "the damage was the worst the town had seen in living memory",
		partial:  `{P} described the damage as "beyond anything we have seen".`},
	{direct: [3]string{"Help is on its way, and no one will be left alone", "Every family affected will get the help it needs", "We will not leave anyone to face this alone"},
		indirect: "every family affected would receive help",
		partial:  `{P} said no one would be "left to face this alone".`},
	{direct: [3]string{"There will be a full inquiry into what went wrong", "We owe the families a full account of how this happened", "Those responsible will have to answer for this"},
		indirect: "there would be a full investigation into the causes",
		partial:  `{P} promised "a full account of how this happened".`},
	{direct: [3]string{"People should stay away from the area until it is safe", "Please do not go back to your homes until the all-clear is given", "The danger has not passed, and people must stay away"},
		indirect: "residents should not return until the area was declared safe",
		partial:  `{P} warned that "the danger has not passed".`},
	{direct: [3]string{"The next two days will be decisive for those still missing", "What we do in the next forty-eight hours matters most", "Time is against us, and every hour counts now"},
		indirect: "the coming two days would decide the fate of those still missing",
		partial:  `{P} said that "every hour counts now".`},
}

// addOns follow a first quote as its second sentence.
var addOns = [][3]string{
	{"Our thoughts are with the families", "We are thinking of every family tonight", "My thoughts are with those who lost someone"},
	{"I ask everyone to follow the instructions of the rescue teams", "Please listen to the rescue teams", "Everyone must do what the rescuers tell them"},
	{"We are getting more equipment in every hour", "More equipment is arriving by the hour", "Every hour brings more equipment"},
}
