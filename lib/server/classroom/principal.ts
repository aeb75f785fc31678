/** The student a request acts for (issue 12): set on RouteContext iff access is 'student'. */
export interface StudentPrincipal {
  id: string;
  classId: string;
  name: string;
}
