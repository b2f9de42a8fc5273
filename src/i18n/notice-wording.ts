/**
 * The adverse-action notice's words, English and Simplified Chinese: what a declined (or referred) applicant reads.
 * Consumer language, not the analyst's: a factor names what about the application counted against it, never the
 * rule, the model or the threshold's name. `factors` are the plain-language reasons (src/notices maps reason codes
 * to them); `codes` are wordings for one code that says more than its factor with the reason's own values (a
 * knock-out's bound, the declared debt and income). `{{name, money}}` is an amount in the tenant's currency,
 * `{{name, number}}` a number, both in the notice's language; `{{name}}` is put in as it is.
 *
 * `VERIFY` stands for every fraud, list, device, graph and identity-consistency reason: a notice that said "device
 * farm" or "blacklisted phone" would tell a fraudster which signal to change, so those reasons are never worded
 * one by one (the lender's staff see the codes; the applicant reads that their information could not be verified).
 */
export interface NoticeWording {
  title: string;
  date: string;
  application: string;
  /** The application line when the stored snapshot has no amount (an old or erased decision). */
  applicationNoAmount: string;
  outcome: { decline: string; review: string };
  reasonsHeading: string;
  rights: string;
  factors: Record<string, string>;
  codes: Record<string, string>;
}

const en: NoticeWording = {
  title: 'Notice of action taken on your credit application',
  date: 'Date of decision: {{date}}',
  application: 'Application {{applicationId}}: {{amount, money}} over {{term}} months',
  applicationNoAmount: 'Application {{applicationId}}',
  outcome: {
    decline: 'We are unable to approve your application.',
    review: 'We cannot approve your application as submitted; it has been passed to our staff for further review.',
  },
  reasonsHeading: 'The principal reasons for this decision are:',
  rights:
    'You have the right to ask {{lender}} for the reasons for this decision, and to have any information about ' +
    'you that is wrong or incomplete corrected. Please quote application {{applicationId}}.',
  factors: {
    VERIFY: 'We could not verify the information provided',
    APPLICATIONS_ELSEWHERE: 'Number of recent credit applications at other lenders',
    APPLICATIONS_HERE: 'Number of recent applications to us',
    LOANS_ELSEWHERE: 'Number of loans recently taken out with other lenders',
    DEBT_ELSEWHERE: 'Amount owed to other lenders',
    DELINQUENCY: 'Late payments on loans with other lenders, now or in the past',
    DEBT_BURDEN: 'Existing debt payments are high compared with income',
    INCOME: 'Income is low for the credit requested',
    EMPLOYMENT: 'Employment status',
    TIME_IN_JOB: 'Length of time in the current job',
    AMOUNT: 'Amount requested compared with income',
    TERM: 'Length of the loan term requested',
    AGE: 'Age',
    PRODUCT: 'The product or the channel applied through',
    CREDIT_ASSESSMENT: 'The overall assessment of the application did not meet our credit standards',
    POLICY: 'The application did not meet other requirements of our lending policy',
  },
  codes: {
    KO_AGE_BELOW_MIN: 'Age below the minimum of {{min, number}} we lend to',
    KO_AGE_ABOVE_MAX: 'Age above the maximum of {{max, number}} we lend to',
    KO_AMOUNT_BELOW_MIN: 'Amount requested is below the smallest loan we offer, {{min, money}}',
    KO_AMOUNT_ABOVE_MAX: 'Amount requested is above the largest loan we offer, {{max, money}}',
    KO_TERM_BELOW_MIN: 'Loan term requested is shorter than the {{min, number}} months we offer at least',
    KO_TERM_ABOVE_MAX: 'Loan term requested is longer than the {{max, number}} months we offer at most',
    KO_MONTHLY_INCOME_BELOW_MIN: 'Monthly income is below the minimum of {{min, money}} we require',
    KO_MONTHLY_INCOME_ABOVE_MAX: 'Monthly income is above the maximum of {{max, money}} for this product',
    DTI_CAP:
      'Existing debt payments of {{applicant.monthlyObligations, money}} a month are high compared with a monthly ' +
      'income of {{applicant.monthlyIncome, money}}',
    LIMIT_BELOW_MINIMUM:
      'The amount that could be repaid from income is below the smallest loan we offer, {{minLimit, money}}',
    LIMIT_NO_INCOME: 'No income from which the loan could be repaid',
  },
};

const zhCN: NoticeWording = {
  title: '信贷申请结果通知',
  date: '决定日期：{{date}}',
  application: '申请编号 {{applicationId}}：申请金额 {{amount, money}}，期限 {{term}} 个月',
  applicationNoAmount: '申请编号 {{applicationId}}',
  outcome: {
    decline: '很遗憾，我们暂时无法批准您的借款申请。',
    review: '您的申请暂未按所提交的条件获批，已转交我们的工作人员进一步审核。',
  },
  reasonsHeading: '作出该决定的主要原因如下：',
  rights:
    '您有权向{{lender}}了解本决定的原因，并要求更正与您有关的错误或不完整的信息。' +
    '查询时请提供申请编号 {{applicationId}}。',
  factors: {
    VERIFY: '我们无法核实您提供的信息',
    APPLICATIONS_ELSEWHERE: '近期在多家机构申请借款较多',
    APPLICATIONS_HERE: '近期向本机构提交的申请次数较多',
    LOANS_ELSEWHERE: '近期在其他机构获得的借款笔数较多',
    DEBT_ELSEWHERE: '在其他机构的未还借款余额较高',
    DELINQUENCY: '在其他机构的借款当前或曾经有逾期还款',
    DEBT_BURDEN: '现有还款负担相对收入偏高',
    INCOME: '收入水平相对所申请的借款偏低',
    EMPLOYMENT: '就业状况',
    TIME_IN_JOB: '在当前单位的工作时间较短',
    AMOUNT: '申请金额相对收入偏高',
    TERM: '所申请的借款期限',
    AGE: '年龄',
    PRODUCT: '所申请的产品或申请渠道',
    CREDIT_ASSESSMENT: '综合评估结果未达到本机构的信贷标准',
    POLICY: '申请未满足本机构信贷政策的其他要求',
  },
  codes: {
    KO_AGE_BELOW_MIN: '年龄低于本机构的最低要求（{{min, number}} 周岁）',
    KO_AGE_ABOVE_MAX: '年龄高于本机构的最高要求（{{max, number}} 周岁）',
    KO_AMOUNT_BELOW_MIN: '申请金额低于本机构的最低借款金额 {{min, money}}',
    KO_AMOUNT_ABOVE_MAX: '申请金额高于本机构的最高借款金额 {{max, money}}',
    KO_TERM_BELOW_MIN: '申请期限短于本机构的最短期限 {{min, number}} 个月',
    KO_TERM_ABOVE_MAX: '申请期限长于本机构的最长期限 {{max, number}} 个月',
    KO_MONTHLY_INCOME_BELOW_MIN: '月收入低于本机构要求的最低月收入 {{min, money}}',
    KO_MONTHLY_INCOME_ABOVE_MAX: '月收入高于本产品的上限 {{max, money}}',
    DTI_CAP: '每月已有还款 {{applicant.monthlyObligations, money}}，相对月收入 {{applicant.monthlyIncome, money}} 偏高',
    LIMIT_BELOW_MINIMUM: '按收入可承担的借款金额低于本机构的最低借款金额 {{minLimit, money}}',
    LIMIT_NO_INCOME: '没有可用于还款的收入',
  },
};

export const NOTICE_WORDING = { en, 'zh-CN': zhCN } as const satisfies Record<'en' | 'zh-CN', NoticeWording>;
