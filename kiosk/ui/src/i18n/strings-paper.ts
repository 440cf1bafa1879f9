/**
 * The receipt printer's paper, said before a flow that prints starts, with what the citizen can
 * do instead. Nothing here names a button: the alternatives are places and ways, not controls.
 */
export const paperStrings = {
  'paper.out.title': {
    zh: '本机回执打印纸已用完',
    en: 'This terminal has run out of receipt paper',
  },
  'paper.nearEnd.title': {
    zh: '本机回执打印纸快用完了',
    en: 'This terminal is running out of receipt paper',
  },
  'paper.out.body': {
    zh: '您仍可在这里办理，但办完后打印不出回执。您可以：',
    en: 'You can still apply here, but your receipt cannot be printed at the end. Instead:',
  },
  'paper.nearEnd.body': {
    zh: '回执可能打印不全。如果打印不出来，您可以：',
    en: 'Your receipt may not print in full. If it does not:',
  },
  'paper.alt.screen': {
    zh: '记下屏幕上的办件编号，凭编号和身份证后四位随时查询进度；',
    en: 'note the case number shown on screen: with it and the last four characters of your ID card you can check progress at any time;',
  },
  'paper.alt.licence': {
    zh: '办结后的证照会存入电子证照库，凭身份证即可查看和使用，不必依靠纸质回执；',
    en: 'the licences issued when it is done go into the electronic licence library, where your ID card finds them, so you do not depend on a paper receipt;',
  },
  'paper.alt.terminal': {
    zh: '或到附近正常工作的终端办理：{name}（{site}）。',
    en: 'or use a working terminal nearby: {name} ({site}).',
  },
  'paper.alt.window': {
    zh: '或到服务窗口请工作人员帮忙。',
    en: 'or ask for help at a service window.',
  },
} as const;
