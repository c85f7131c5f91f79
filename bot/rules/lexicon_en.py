"""Built-in English lexicon, in the format of `bot.rules.lexicon_es` ("kind: phrase, phrase, …")."""

from __future__ import annotations

__all__ = ["ENGLISH"]

ENGLISH = """
complaint: not working, doesnt work, doesn't work, does not work, stopped working, no service, no signal,
    no coverage, no internet, no data, without internet, without service, without signal, no connection,
    still waiting, still no, haven't been able, havent been able, not been able, has not loaded, won't load, wont load, doesn't load, nobody told, no one told, haven't told, isn't refunded, not refunded, still not, still haven't, still havent, days without, hours without,
    weeks without, days with no, left me without, without a line, without line, outage*, is down, are down, went down, keeps dropping, dropped calls,
    disgrace, disgraceful, shameful, pathetic, appalling, awful, terrible, horrible, worst, the worst,
    useless, joke of a, ridiculous, unacceptable, outrageous, disgusted, furious, fed up, sick of,
    sick and tired, ripoff, rip off, rip-off, scam, scammers, robbery, daylight robbery, thieves,
    complaint, complain, no one answers, nobody answers, no one replies, nobody replies, no one helps,
    hung up on me, hangs up, third time, fourth time, fifth time, twice, overcharged, overcharging,
    charged me twice, double charged, charged me for, wrong charge, refund, never again, cant believe,
    can't believe, price hike, raised my bill, raised the price, hidden fees, hidden charges, exit fee*, money back, give me my money, want my money, went from,
    no solution, nobody can, can't get, cant get, impossible to, waste of
complaint_soft: charged me, charging me, charge me, bill, billing, charge, fee, waiting, wait time, on hold,
    customer service, support, roaming, slow, so slow, issue, issues, problem, problems, glitch, error,
    broken, fault, faults, fails, failed, keeps failing, mistake, by mistake, charges me, 😡, 🤬, 😤, 👎, 💩, 🙄
sarcasm: thanks for nothing, thank you for nothing, thanks for leaving me, thanks for charging me,
    love paying, love how, love that i, love being, great job, well done, what a great service,
    nothing like paying, just what i needed, wow great, bravo, stellar service, 10/10 service
churn: want to cancel, cancel my, cancelling my, canceling my, cancel the contract, cancel my contract, cancelling,
    canceling, switch carriers, switching carriers, switch providers, switching providers, new carrier,
    new provider, port my number, porting my number, porting out, leaving you, i'm leaving, im leaving,
    i am leaving, i'm done with, im done with, done with you, last month with, last bill,
    what am i doing with, why am i still with, why do i still pay, why do i stay with, time to switch,
    time to leave, goodbye, bye bye, never again with, i'm out, im out, close my account, closing my account,
    end my contract, ending my contract, terminate my contract
churn_weak: switch*, taking my, take my, taking our, bringing my, moving, move to, going to, leaving, leave, left, go with, going with, be with, i'd be with, id be with, sign up with,
    signing up with, join, joining, jump ship to, jumping ship to, jumping ship, jumping to, port to, porting to, try, trying
other_provider: another carrier, another provider, another company, a different carrier, the competition,
    any other carrier, other carriers
legal: lawyer, lawyers, attorney, lawsuit, sue you, sue them, going to sue, i'll sue, ill sue, will sue, suing, class action, small claims, court,
    legal action, legal team, ombudsman, regulator, fcc, ofcom, bbb, better business bureau,
    trading standards, consumer protection, file a complaint with, report you to, gdpr, data protection authority
safety: fire, caught fire, exploded, explosion, exploding, smoke coming, smoke, burned, burnt,
    electric shock, electrocut*, injured, injury, hospital, emergency room, fraud, fraudulent,
    identity theft, sim swap, sim swapped, phishing, hacked, hack, data breach, data leak, leaked,
    my data was, emptied my account, drained my account, 911, 999, 112, can't call emergency,
    cannot call emergency, emergency calls
media: i'm a reporter, im a reporter, i am a reporter, i'm a journalist, im a journalist, reporter at,
    journalist at, writing a story, working on a story, for a story, for an article, for a piece,
    request for comment, comment for, on the record, press inquiry, press office, spokesperson,
    official statement, your statement, we're reporting, we are reporting
media_author: journalist, reporter, news, times, daily, gazette, herald, radio, tv, magazine, press,
    correspondent, editor, newsroom, tribune, post
executive_title: ceo, with power, in charge, chief executive, your boss, your ceo, the ceo, president of, someone in charge,
    someone who can decide, head of customer, your manager, a manager, management
ask_alternative: any alternatives, alternatives, recommend a carrier, which carrier, what carrier,
    recommendations, any recommendations, who should i switch to, what do you offer, what can you offer,
    make me an offer, any offers, looking for a new carrier, looking for a carrier, suggestions
comparison: half, for free, free, included, cheaper, half the price, half price, whereas, while they,
    they don't, they dont, they do, doesn't charge, doesnt charge, don't charge, dont charge, no charge,
    at no cost, unlike you
praise: perfectly, perfect, great, thanks, thank you, love, works well, worked well, amazing, awesome, excellent,
    brilliant, flawless
spam: giveaway, win a, win an, click here, free followers, earn money, make money, bitcoin, crypto,
    link in bio, promo code, dm me for, follow back, check my profile, onlyfans
shield: is fire, so fire, fire emoji, 🔥, no problem, no problems, no issues, not bad, can't complain,
    cant complain, no complaints, zero issues, never had a problem, never had an issue, without problems,
    without issues, fired up, free trial, cease fire, firewall, support team rocks, support was great,
    great support, amazing support, fast support, burn rate, burning question, on hold music,
    free shipping, life hack, fire sale, on fire, smoke test, free of charge, data plan
"""
