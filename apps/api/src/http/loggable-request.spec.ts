import { loggablePath, loggableRequest } from './loggable-request';

describe('what the logs keep of a request', () => {
  it('drops the query string and the headers', () => {
    expect(loggablePath('/cooperatives/c/members?q=5371011508900001')).toBe(
      '/cooperatives/c/members',
    );
    expect(
      loggableRequest({
        id: 'r1',
        method: 'GET',
        url: '/members?q=5371011508900001',
        headers: { authorization: 'Bearer secret' },
      } as never),
    ).toEqual({ id: 'r1', method: 'GET', path: '/members' });
  });
});
